"""`dehong import`: a department's sheet read into figures (`read.read_sheet`), then merged into the
report files (`merge.plan_file` plans and checks, `apply.import_sheet` writes all or nothing)."""
