namespace GoEscape.Syntax;

// //go: directive handling: models gc's noder.pragma / checkUnusedDuringParse (noder/noder.go) and
// pragmaFlag (noder/lex.go). gc's noder reports these errors through the same channel as syntax errors.
public sealed partial class Parser
{
    private static PragmaFlags PragmaFlag(string verb) => verb switch
    {
        "go:build" => PragmaFlags.GoBuildPragma,
        "go:nointerface" => PragmaFlags.None, // only with GOEXPERIMENT=fieldtrack
        "go:noescape" => PragmaFlags.Noescape,
        "go:norace" => PragmaFlags.Norace,
        "go:nosplit" => PragmaFlags.Nosplit | PragmaFlags.NoCheckPtr,
        "go:noinline" => PragmaFlags.Noinline,
        "go:nocheckptr" => PragmaFlags.NoCheckPtr,
        "go:systemstack" => PragmaFlags.Systemstack,
        "go:nowritebarrier" => PragmaFlags.Nowritebarrier,
        "go:nowritebarrierrec" => PragmaFlags.Nowritebarrierrec | PragmaFlags.Nowritebarrier,
        "go:yeswritebarrierrec" => PragmaFlags.Yeswritebarrierrec,
        "go:cgo_unsafe_args" => PragmaFlags.CgoUnsafeArgs | PragmaFlags.NoCheckPtr,
        "go:uintptrkeepalive" => PragmaFlags.UintptrKeepAlive,
        "go:uintptrescapes" => PragmaFlags.UintptrEscapes | PragmaFlags.UintptrKeepAlive,
        "go:registerparams" => PragmaFlags.RegisterParams,
        _ => PragmaFlags.None,
    };

    private static bool IsAllowedStdPragma(string verb) => verb is "go:cgo_export_static" or "go:cgo_export_dynamic"
        or "go:cgo_import_static" or "go:cgo_import_dynamic" or "go:cgo_ldflag" or "go:cgo_dynamic_linker"
        or "go:embed" or "go:fix" or "go:generate";

    private void DirectiveError(Pos pos, string msg) => ReportUncounted(pos, msg);

    // models noder.checkUnusedDuringParse
    private void CheckUnusedDuringParse(Pragmas pragma)
    {
        foreach (var (flag, pos, _) in pragma.Positions)
        {
            if ((flag & pragma.Flags) != 0) DirectiveError(pos, "misplaced compiler directive");
        }
        foreach (var e in pragma.Embeds) DirectiveError(e.Pos, "misplaced go:embed directive");
        if (pragma.WasmImport is { } wi) DirectiveError(wi.Pos, "misplaced go:wasmimport directive");
        if (pragma.WasmExport is { } we) DirectiveError(we.Pos, "misplaced go:wasmexport directive");
    }

    private static string[] Fields(string s) => s.Split([' ', '\t', '\n', '\r', '\v', '\f'], StringSplitOptions.RemoveEmptyEntries);

    private bool IsCgoGeneratedFile(Pos pos)
    {
        var b = pos.Base?.Pos.Base;
        string name = b?.Filename ?? "";
        int i = name.LastIndexOf('/');
        return name[(i + 1)..].StartsWith("_cgo_", StringComparison.Ordinal);
    }

    // models noder.pragma
    private Pragmas? PragmaDirective(Pos pos, bool blankLine, string text, Pragmas? old)
    {
        var pragma = old ?? new Pragmas();
        if (!blankLine)
        {
            // directive must be on line by itself
            DirectiveError(pos, "misplaced compiler directive");
            return pragma;
        }
        pragma.Directives.Add(new Directive(pos, text, blankLine));

        if (text.StartsWith("go:wasmimport ", StringComparison.Ordinal))
        {
            var f = Fields(text);
            if (f.Length != 3) DirectiveError(pos, "usage: //go:wasmimport importmodule importname");
            else if (_pragmaOptions.GoArch == "wasm") pragma.WasmImport = (pos, f[1], f[2]);
        }
        else if (text.StartsWith("go:wasmexport ", StringComparison.Ordinal))
        {
            var f = Fields(text);
            if (f.Length != 2) DirectiveError(pos, "usage: //go:wasmexport exportname");
            else if (_pragmaOptions.GoArch == "wasm") pragma.WasmExport = (pos, f[1]);
        }
        else if (text.StartsWith("go:linkname ", StringComparison.Ordinal) || text.StartsWith("go:linknamestd ", StringComparison.Ordinal))
        {
            var f = Fields(text);
            if (!(2 <= f.Length && f.Length <= 3))
            {
                DirectiveError(pos, $"usage: //{f[0]} localname [linkname]");
            }
            else
            {
                string? target = f.Length == 3 ? f[2] : _pragmaOptions.PkgPath is { } pp ? PathToPrefix(pp) + "." + f[1] : null;
                _result.Linknames.Add(new Linkname(pos, f[0] == "go:linknamestd", f[1], target));
            }
        }
        else if (text == "go:embed" || text.StartsWith("go:embed ", StringComparison.Ordinal))
        {
            var (args, err) = ParseGoEmbed(text["go:embed".Length..]);
            if (err != null) DirectiveError(pos, err);
            if (args.Count == 0) DirectiveError(pos, "usage: //go:embed pattern...");
            else pragma.Embeds.Add(new EmbedPragma(pos, args));
        }
        else
        {
            bool isCgo = text.StartsWith("go:cgo_", StringComparison.Ordinal);
            if (isCgo)
            {
                var fields = Fields(text);
                bool dyn = text.StartsWith("go:cgo_import_dynamic ", StringComparison.Ordinal) && fields.Length >= 4;
                if (dyn)
                {
                    pragma.Flags |= PragmaFlag("go:cgo_import_dynamic");
                    return pragma;
                }
                if (!IsCgoGeneratedFile(pos) && !_pragmaOptions.Std)
                    DirectiveError(pos, $"//{text} only allowed in cgo-generated code");
            }
            string verb = text;
            int sp = text.IndexOf(' ');
            if (sp >= 0) verb = verb[..sp];
            var flag = PragmaFlag(verb);
            if (!_pragmaOptions.CompilingRuntime && (flag & PragmaFlags.RuntimePragmas) != 0)
                DirectiveError(pos, $"//{verb} only allowed in runtime");
            if (flag == PragmaFlags.UintptrKeepAlive && !_pragmaOptions.Std)
                DirectiveError(pos, $"//{verb} is only allowed in the standard library");
            if (flag == PragmaFlags.None && !IsAllowedStdPragma(verb) && _pragmaOptions.Std)
                DirectiveError(pos, $"//{verb} is not allowed in the standard library");
            pragma.Flags |= flag;
            pragma.Positions.Add((flag, pos, verb));
        }
        return pragma;
    }

    // objabi.PathToPrefix: escape control chars, '%', '"', and '.' after the last '/'.
    private static string PathToPrefix(string s)
    {
        int slash = s.LastIndexOf('/');
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c <= ' ' || (c == '.' && i > slash) || c == '%' || c == '"' || c >= 0x7F)
                sb.Append('%').Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    // models noder.parseGoEmbed
    private static (List<string> list, string? err) ParseGoEmbed(string args)
    {
        var list = new List<string>();
        for (args = args.Trim(); args.Length != 0; args = args.Trim())
        {
            string path;
            switch (args[0])
            {
                case '`':
                    {
                        int i = args.IndexOf('`', 1);
                        if (i < 0) return (list, $"invalid quoted string in //go:embed: {args}");
                        path = args[1..i];
                        args = args[(i + 1)..];
                        break;
                    }
                case '"':
                    {
                        int i = 1;
                        string? found = null;
                        for (; i < args.Length; i++)
                        {
                            if (args[i] == '\\') { i++; continue; }
                            if (args[i] == '"')
                            {
                                found = args[1..i].Replace("\\\"", "\"").Replace("\\\\", "\\");
                                args = args[(i + 1)..];
                                break;
                            }
                        }
                        if (found == null) return (list, $"invalid quoted string in //go:embed: {args}");
                        path = found;
                        break;
                    }
                default:
                    {
                        int i = 0;
                        while (i < args.Length && !char.IsWhiteSpace(args[i])) i++;
                        path = args[..i];
                        args = args[i..];
                        break;
                    }
            }
            if (args.Length != 0 && !char.IsWhiteSpace(args[0])) return (list, $"invalid quoted string in //go:embed: {args}");
            list.Add(path);
        }
        return (list, null);
    }
}
