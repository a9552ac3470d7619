"""Reading files other than the project: hand-over packages (.qcpkg) and Excel tables. No Qt."""
