"""Job handlers, one per kind: `bulk_update` (BulkUpdateHandler) and `report` (ReportHandler)."""
