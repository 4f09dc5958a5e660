"""Rules are data: YAML files validated into frozen ``RuleSet`` values."""
