namespace GoEscape.Types;
