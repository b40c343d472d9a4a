namespace GoEscape.Syntax;

/// <summary>
/// Placement checks gc performs on //go: directives after type checking (models noder's
/// pkgWriter.checkPragmas / checkEmbed / the syntactic part of collectDecls' linkname checks). They only need
/// the syntax tree, so the later stage that writes IR can call this and report the errors with its own.
/// </summary>
public static class PragmaChecks
{
    /// <summary>Reports misplaced directives in f: flags not allowed on the declaration kind, //go:embed outside
    /// a package-level var, and the //go:linkname errors of noder's collectDecls. <paramref name="linkTarget"/>
    /// says whether a local name is a package-level function or variable (null when the caller has no scope), and
    /// <paramref name="seen"/> holds the local names already linknamed in earlier files of the package.</summary>
    public static void CheckPlacement(File f, Action<Pos, string> errh, Func<string, bool>? linkTarget = null,
        bool requireLinkTarget = true, HashSet<string>? seen = null)
    {
        if (f.Broken) return;
        bool importedEmbed = false, importedUnsafe = false;
        foreach (var d in f.DeclList)
        {
            if (d is ImportDecl { Path: { Bad: false } p })
            {
                if (p.Value is "\"embed\"" or "`embed`") importedEmbed = true;
                if (p.Value is "\"unsafe\"" or "`unsafe`") importedUnsafe = true;
            }
        }

        Check(f.Pragma, PragmaFlags.GoBuildPragma, false, errh);
        Visit(f, false);

        void Visit(Node root, bool inFunc)
        {
            Walker.Inspect(root, n =>
            {
                switch (n)
                {
                    case ImportDecl d: Check(d.Pragma, 0, false, errh); break;
                    case ConstDecl d: Check(d.Pragma, 0, false, errh); break;
                    case TypeDecl d: Check(d.Pragma, 0, false, errh); break;
                    case FuncDecl d: Check(d.Pragma, PragmaFlags.FuncPragmas, false, errh); break;
                    case VarDecl d:
                        Check(d.Pragma, 0, true, errh);
                        if (d.Pragma is { Embeds.Count: > 0 } pr)
                        {
                            var err = CheckEmbed(d, importedEmbed, inFunc);
                            if (err != null) errh(pr.Embeds[0].Pos, err);
                        }
                        break;
                    case BlockStmt b when !inFunc:
                        foreach (var s in b.List) Visit(s, true);
                        return false;
                }
                return true;
            });
        }

        foreach (var l in f.Linknames)
        {
            string directive = l.Std ? "go:linknamestd" : "go:linkname";
            if (!importedUnsafe)
            {
                errh(l.Pos, $"//{directive} only allowed in Go files that import \"unsafe\"");
                continue;
            }
            if (l.Remote != null && l.Remote.Contains('[') && l.Remote.Contains(']'))
            {
                errh(l.Pos, $"//{directive} reference of an instantiation is not allowed");
                continue;
            }
            if (linkTarget == null) continue;
            if (linkTarget(l.Local))
            {
                if (seen != null && !seen.Add(l.Local)) errh(l.Pos, $"duplicate //{directive} for {l.Local}");
            }
            else if (requireLinkTarget)
            {
                // types.AllowsGoVersion(1, 18): earlier, an ineffectual //go:linkname was a no-op
                errh(l.Pos, $"//{directive} must refer to declared function or variable");
            }
        }
    }

    private static void Check(Pragmas? p, PragmaFlags allowed, bool embedOk, Action<Pos, string> errh)
    {
        if (p == null) return;
        foreach (var (flag, pos, _) in p.Positions)
        {
            if ((flag & ~allowed) != 0) errh(pos, "misplaced compiler directive");
        }
        if (!embedOk)
        {
            foreach (var e in p.Embeds) errh(e.Pos, "misplaced go:embed directive");
        }
    }

    // models noder.checkEmbed (without the -lang check)
    private static string? CheckEmbed(VarDecl decl, bool haveEmbed, bool withinFunc)
    {
        if (!haveEmbed) return "go:embed requires import \"embed\" (or import _ \"embed\", if package is not used)";
        if (decl.NameList.Count > 1) return "go:embed cannot apply to multiple vars";
        if (decl.Values != null) return "go:embed cannot apply to var with initializer";
        if (decl.Type == null) return "go:embed cannot apply to var without type";
        if (withinFunc) return "go:embed cannot apply to var inside func";
        return null;
    }
}
