"""Personnel's pages: units and positions, persons, the strength, payroll months and lines."""
