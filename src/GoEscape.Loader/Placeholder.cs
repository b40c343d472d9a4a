namespace GoEscape.Loader;
