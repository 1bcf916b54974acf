"""`effektinvest check` (and every command's diagnostics): one reporter per diagnostics format (`reporters`)."""
