using System.Globalization;
using System.Text;
using GoEscape.Escape;
using GoEscape.IR;

namespace GoEscape.Report;

/// <summary>
/// gc's -json=0,DIR optimization log, as cmd/compile/internal/logopt's FlushLoggedOpts writes it for one package:
/// DIR/url.PathEscape(pkgpath)/ holds, for each source file with entries, url.PathEscape(basename without .go)+".json":
/// a version header line, then one LSP Diagnostic per line, the entries stable-sorted by position (file name, then
/// line and column; same position: emission order), the escape explanation as "escflow: ..." related information.
/// Files of one package whose basenames collide overwrite each other in that order, as gc's do. Entries come from
/// escape analysis ("escape", "escapes", "leak") and loopvar ("iteration-variable-to-heap|stack",
/// "loop-modified-for|range"); the SSA back end's ("nilcheck", "isInBounds", "isSliceInBounds", "copy") are not
/// produced. With -l nothing is inlined, so there are no "inlineLoc" entries.
/// </summary>
public static class GcJson
{
    /// <summary>What the header and the file names need: the package path gc was given (-p: "main" for commands),
    /// the target, gc's version (buildcfg.Version), and the file name gc saw for a position's display path.</summary>
    public sealed record Context(string PkgPath, string Goos, string Goarch, string GcVersion, Func<string, string> FileName);

    /// <summary>The SSA back end's codes: in gc's files, never in ours (a comparison removes them from gc's side).</summary>
    public static readonly IReadOnlySet<string> SsaCodes = new HashSet<string>(StringComparer.Ordinal) { "nilcheck", "isInBounds", "isSliceInBounds", "copy" };

    /// <summary>The package's subdirectory name under DIR (the empty path is string(0), "%00").</summary>
    public static string PackageDir(string pkgPath) => GoText.PathEscape(pkgPath.Length == 0 ? "\0" : pkgPath);

    /// <summary>The files of one package: name within the package directory -> content, in gc's write order
    /// (a later file of the same name replaced an earlier one).</summary>
    public static List<(string Name, string Content)> Render(IReadOnlyList<LoggedOpt> opts, Context ctx)
    {
        string FileOf(XPos p) => Uproot(p.IsKnown || p.File != null ? ctx.FileName(p.File ?? "") : "");
        // sort.Stable by OutermostPos(pos).Before: file name, then line:col (gc's lico, saturated)
        var keyed = new List<(string File, int Line, int Col, int Seq, LoggedOpt Opt)>(opts.Count);
        for (int i = 0; i < opts.Count; i++)
        {
            var (line, col) = Lico(opts[i].Pos);
            keyed.Add((FileOf(opts[i].Pos), line, col, i, opts[i]));
        }
        keyed.Sort((a, b) =>
        {
            int c = string.CompareOrdinal(a.File, b.File);
            if (c != 0) return c;
            if (a.Line != b.Line) return a.Line.CompareTo(b.Line);
            if (a.Col != b.Col) return a.Col.CompareTo(b.Col);
            return a.Seq.CompareTo(b.Seq);
        });

        var files = new List<(string Name, string Content)>();
        string? current = null;
        StringBuilder? sb = null;
        void Close()
        {
            if (sb == null) return;
            string name = FileName(current!);
            files.RemoveAll(f => f.Name == name); // os.Create truncates an earlier file of the same name
            files.Add((name, sb.ToString()));
        }
        foreach (var (file, _, _, _, x) in keyed)
        {
            if (current != file)
            {
                Close();
                current = file;
                sb = new StringBuilder();
                sb.Append("{\"version\":0,\"package\":");
                GoText.AppendJsonString(sb, ctx.PkgPath.Length == 0 ? "\0" : ctx.PkgPath);
                sb.Append(",\"goos\":"); GoText.AppendJsonString(sb, ctx.Goos);
                sb.Append(",\"goarch\":"); GoText.AppendJsonString(sb, ctx.Goarch);
                sb.Append(",\"gc_version\":"); GoText.AppendJsonString(sb, ctx.GcVersion);
                if (file.Length > 0) { sb.Append(",\"file\":"); GoText.AppendJsonString(sb, file); }
                sb.Append("}\n");
            }
            sb!.Append("{\"range\":");
            AppendRange(sb, x.Pos, x.LastPos);
            sb.Append(",\"severity\":3");
            if (x.What.Length > 0) { sb.Append(",\"code\":"); GoText.AppendJsonString(sb, x.What); }
            sb.Append(",\"source\":\"go compiler\",\"message\":");
            GoText.AppendJsonString(sb, x.Target ?? "");
            if (x.Explanation is { Count: > 0 } ex)
            {
                sb.Append(",\"relatedInformation\":[");
                for (int i = 0; i < ex.Count; i++)
                {
                    var z = ex[i];
                    if (i > 0) sb.Append(',');
                    sb.Append("{\"location\":{\"uri\":");
                    GoText.AppendJsonString(sb, GoText.FileUri(FileOf(z.Pos)));
                    sb.Append(",\"range\":");
                    AppendRange(sb, z.Pos, z.LastPos);
                    sb.Append("},\"message\":");
                    GoText.AppendJsonString(sb, z.Target == null ? z.What : z.What + ": " + z.Target);
                    sb.Append('}');
                }
                sb.Append(']');
            }
            sb.Append("}\n");
        }
        Close();
        return files;
    }

    /// <summary>writerForLSP's file name: the basename without ".go" (from its last occurrence), path-escaped, + ".json".</summary>
    public static string FileName(string file)
    {
        string b = file;
        int slash = b.LastIndexOfAny(['\\', '/']);
        if (slash >= 0) b = b[(slash + 1)..];
        int dot = b.LastIndexOf(".go", StringComparison.Ordinal);
        if (dot >= 0) b = b[..dot];
        return GoText.PathEscape(b) + ".json";
    }

    /// <summary>uprootedPath: the empty file name is "__unnamed__" ($GOROOT-prefixed names do not occur here).</summary>
    private static string Uproot(string f) => f.Length == 0 ? "__unnamed__" : f;

    /// <summary>A position as gc's lico holds it: 20 line bits (from lineMax on, the column is dropped) and 8 column bits.</summary>
    private static (int Line, int Col) Lico(XPos p)
    {
        const int lineMax = (1 << 20) - 2, colMax = (1 << 8) - 1;
        if (!p.IsKnown) return (0, 0);
        int line = p.Line, col = p.Col;
        if (line >= lineMax) { line = lineMax; col = 0; }
        if (col > colMax) col = colMax;
        return (line, col);
    }

    private static void AppendRange(StringBuilder sb, XPos p, XPos last)
    {
        var (l0, c0) = Lico(p);
        var (l1, c1) = Lico(last);
        sb.Append(CultureInfo.InvariantCulture, $"{{\"start\":{{\"line\":{l0},\"character\":{c0}}},\"end\":{{\"line\":{l1},\"character\":{c1}}}}}");
    }

    /// <summary>
    /// Models logopt.parseLogPath: an absolute directory, or a file:// URI (host and path joined, percent-decoded,
    /// which allows a relative directory: gc's is relative to the directory it compiles in, the package's). Returns
    /// the directory or an error in gc's words.
    /// </summary>
    public static (string? Dir, string? Error) ParseDestination(string value)
    {
        int comma = value.IndexOf(',');
        if (comma <= 0) return (null, "-json option should be '<version>,<destination>' where <version> is a number");
        if (!int.TryParse(value.AsSpan(0, comma), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int version))
            return (null, $"-json option should be '<version>,<destination>' where <version> is a number: err=strconv.Atoi: parsing \"{value[..comma]}\": invalid syntax");
        if (version != 0) return (null, "-json version must be 0");
        string dest = value[(comma + 1)..];
        if (Path.IsPathRooted(dest)) return (Path.GetFullPath(dest), null);
        if (dest.StartsWith("file://", StringComparison.Ordinal))
        {
            string rest = dest["file://".Length..];
            int q = rest.IndexOfAny(['?', '#']);
            if (q >= 0) rest = rest[..q];
            return (GoText.Unescape(rest), null);
        }
        return (null, $"optimizer logging destination {dest} was neither / prefixed directory nor file://-prefixed file URI");
    }
}
