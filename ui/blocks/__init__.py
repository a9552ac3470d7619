"""The block editor of a report step: one module per block kind (``text``, ``table``, ``pareto``…),
the card they share (``base``), the data grid (``grid``), the chart preview (``preview``), the
picture copier (``pictures``) and the list of a step's blocks (``container``)."""
