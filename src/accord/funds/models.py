"""Trust funds, pledges, the ledger and IATI publishing: persistence only."""
