"""Journey maps on screen: one customer's touchpoints on swimlanes with the emotion curve
(``widget``) and the whole business's touchpoints by stage with volume, outcome mix and friction
rank (``aggregate``). Positions come from the Qt-free ``touchdesk.journeymap_layout``; the graphics
items (``items``) keep the records they draw, so the maps can be read back from their scenes."""
