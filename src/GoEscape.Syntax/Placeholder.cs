namespace GoEscape.Syntax;
