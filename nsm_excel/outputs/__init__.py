"""What consolidation publishes: the master workbook, the summary report, the status listing."""
