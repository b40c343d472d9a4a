namespace GoEscape.Driver;
