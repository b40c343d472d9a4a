using System.Text;
using GoEscape.Driver;
using GoEscape.Escape;
using GoEscape.IR;
using GoEscape.IR.Lowering;
using GoEscape.Syntax;
using GoEscape.Types;
using SynFile = GoEscape.Syntax.File;

namespace GoEscape.Fuzz;

/// <summary>
/// A fuzz target: runs one input (the bytes of one Go source file) and returns the diagnostics it produced. Invalid
/// input must give diagnostics; any exception that escapes <see cref="Run"/> is a crash (a bug in GoEscape), and so
/// is a hang or a stack overflow (which the drivers detect from outside).
/// </summary>
public abstract class FuzzTarget
{
    /// <summary>The file name the input is parsed under (in diagnostics).</summary>
    public const string FileName = "fuzz.go";

    public abstract string Name { get; }

    /// <summary>Whether the target needs the std world (loaded once per process before the first input).</summary>
    public virtual bool NeedsStd => false;

    /// <summary>Runs one input; returns its diagnostics (one per line). Throws on a crash.</summary>
    public abstract string Run(byte[] input);

    public static readonly string[] Names = ["parse", "check", "pipeline"];

    public static FuzzTarget Create(string name) => name switch
    {
        "parse" => new ParseTarget(),
        "check" => new CheckTarget(),
        "pipeline" => new PipelineTarget(),
        _ => throw new ArgumentException($"unknown fuzz target {name} (want one of {string.Join(", ", Names)})"),
    };

    protected static SynFile Parse(byte[] input, StringBuilder diags, out bool failed)
    {
        var sink = new ErrorSink();
        var file = Parser.ParseFile(FileName, input, sink, ParseMode.Default, new PragmaOptions { PkgPath = "main" });
        failed = sink.Count > 0;
        foreach (var e in sink.Sorted()) diags.Append(e).Append('\n');
        return file;
    }

    /// <summary>Type-checks the file as the command-line package (gc's "command-line-arguments") against the std
    /// world. Returns null when the checker failed internally (then it has thrown).</summary>
    protected static (Package Pkg, Checker Checker) Check(SynFile file, StringBuilder diags)
    {
        var world = StdWorld.Get();
        var pkg = new Package("command-line-arguments", "");
        var checker = new Checker(new CheckConfig
        {
            GoVersion = "go1." + Loader.GoRootLocator.ExpectedMinor,
            Importer = world.Import,
        }, pkg);
        checker.CheckFiles([file]);
        foreach (var e in checker.Errors) diags.Append(e).Append('\n');
        return (pkg, checker);
    }
}

/// <summary>Target 1: the scanner and parser (with pragmas and the syntax checks of the parser).</summary>
public sealed class ParseTarget : FuzzTarget
{
    public override string Name => "parse";

    public override string Run(byte[] input)
    {
        var diags = new StringBuilder();
        var file = Parse(input, diags, out _);
        // walk the tree the parser built: every node must be reachable without throwing
        if (!file.Broken) diags.Append("decls ").Append(file.DeclList.Count).Append('\n');
        return diags.ToString();
    }
}

/// <summary>Target 2: the type checker on one file (package main, imports from the real std), after parsing.</summary>
public sealed class CheckTarget : FuzzTarget
{
    public override string Name => "check";
    public override bool NeedsStd => true;

    public override string Run(byte[] input)
    {
        var diags = new StringBuilder();
        var file = Parse(input, diags, out bool failed);
        if (failed || file.Broken) return diags.ToString(); // gc stops after syntax errors
        Check(file, diags);
        return diags.ToString();
    }
}

/// <summary>
/// Target 3: the whole pipeline on one file, as `goescape -m -l fuzz.go` runs it: parse, check, then lower,
/// devirtualize, dead locals, escape analysis and the bounds-check pass with -m=1, printing the messages. This
/// follows EscapePipeline.Package step by step (that method takes a loaded PackageUnit, which only the loader and
/// the compilation can build): a package with type errors is not lowered, and any exception of the lowering or the
/// analysis is a crash (the CLI reports it as an internal error, exit 3).
/// </summary>
public sealed class PipelineTarget : FuzzTarget
{
    public override string Name => "pipeline";
    public override bool NeedsStd => true;

    public override string Run(byte[] input)
    {
        var diags = new StringBuilder();
        var file = Parse(input, diags, out bool failed);
        if (failed || file.Broken) return diags.ToString();
        var world = StdWorld.Get();
        var (pkg, checker) = Check(file, diags);
        // as the CLI (EscapePipeline.Package): a package with type errors is not lowered
        if (checker.Errors.Count > 0) return diags.ToString();
        const bool wanted = true;
        var generics = world.NewGenerics();
        var info = new CheckInfoResults(pkg, checker.Info);
        generics.AddPackage(info, [file]);
        var log = new EscapeLog();
        var lowerer = new Lowerer(info, world.Exports, new LowerOptions { DisplayPath = f => f, Generics = generics });
        try
        {
            var lowered = lowerer.Lower([file]);
            lowerer.Devirtualize(lowered, wanted ? log.Warn : null);
            DeadLocals.Funcs(lowered.Funcs);
            EscapeAnalysis.Funcs(lowered.Funcs, new EscapeOptions { M = wanted ? 1 : 0 }, log);
            if (wanted) BoundsCheck.Funcs(lowered.Funcs, log);
        }
        finally
        {
            world.ForgetPackage(pkg);
        }
        foreach (var m in log.Messages) diags.Append(m.Text).Append('\n');
        return diags.ToString();
    }
}

