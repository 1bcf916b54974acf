"""`effektinvest note`: the financing paragraph of the budget note, from the figures of `gap` (`paragraph`)."""
