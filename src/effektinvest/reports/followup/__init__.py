"""`effektinvest follow-up` (format 1.3): the plan against the accounts, per year and in total (`analysis`,
`view`)."""
