// The checker uses the model's basic-type predicates unqualified (IsInteger, IsString, ...).
global using static GoEscape.Types.Predicates;
