using GoEscape.Escape;
using GoEscape.IR;
using GoEscape.IR.Lowering;
using GoEscape.Types;
using GoEscape.Types.Constant;
using Syn = GoEscape.Syntax;

namespace GoEscape.Driver;

/// <summary>Adapts the checker's side tables (CheckInfo) to what the lowering reads.</summary>
public sealed class CheckInfoResults(Package pkg, CheckInfo info) : ICheckResults
{
    public Package Package => pkg;

    public GoType? TypeOf(Syn.Expr e) => info.TypeOf(e);

    public ConstValue? ValueOf(Syn.Expr e)
        => info.Types.TryGetValue(e, out var tv) && tv.Mode == ExprMode.Constant ? tv.Value : null;

    public bool IsType(Syn.Expr e) => info.Types.TryGetValue(e, out var tv) && tv.IsType
        || e is Syn.Name n && info.ObjectOf(n) is TypeName
        || e is Syn.SelectorExpr s && info.ObjectOf(s.Sel) is TypeName
        || e is Syn.ArrayType or Syn.SliceType or Syn.MapType or Syn.ChanType or Syn.FuncType or Syn.StructType or Syn.InterfaceType;

    public bool IsBuiltin(Syn.Expr e) => info.Types.TryGetValue(e, out var tv) && tv.IsBuiltin
        || e is Syn.Name n && info.ObjectOf(n) is Builtin
        || e is Syn.SelectorExpr s && info.ObjectOf(s.Sel) is Builtin;

    public GoObject? ObjectOf(Syn.Name n) => info.ObjectOf(n);

    public GoObject? DefOf(Syn.Name n) => info.Defs.TryGetValue(n, out var d) ? d : null;

    public GoObject? ImplicitOf(Syn.Node n) => info.Implicits.GetValueOrDefault(n);

    public Selection? SelectionOf(Syn.SelectorExpr e) => info.Selections.GetValueOrDefault(e);

    public IReadOnlyList<GoType>? TypeArgsOf(Syn.Name n)
        => info.Instances.TryGetValue(n, out var inst) && inst.TypeArgs.Len > 0 ? inst.TypeArgs.List : null;

    public IReadOnlyList<(IReadOnlyList<Var> Lhs, Syn.Expr Rhs)> InitOrder
    {
        get
        {
            var l = new List<(IReadOnlyList<Var>, Syn.Expr)>(info.InitOrder.Count);
            foreach (var i in info.InitOrder) l.Add((i.Lhs, i.Rhs));
            return l;
        }
    }

    public string FileVersion(Syn.File f) => info.FileVersions.GetValueOrDefault(f) ?? "";
}

/// <summary>The escape report of one package.</summary>
/// <param name="Opts">gc's optimization log (-json), in emission order; null when -json is off.</param>
/// <param name="Records">The structured decisions for GoEscape's own report (EscapeOptions.Record); null when off.</param>
public sealed record EscapeReport(string ImportPath, IReadOnlyList<EscapeMessage> Messages, IReadOnlyList<LoggedOpt>? Opts = null,
    IReadOnlyList<EscapeRecord>? Records = null)
{
    /// <summary>The inlinability decisions (with inlining on and EscapeOptions.Record); null otherwise.</summary>
    public IReadOnlyList<GoEscape.Inline.InlineDecision>? Inlining { get; init; }

    /// <summary>The inlined calls (with call-site inlining and EscapeOptions.Record); null otherwise.</summary>
    public IReadOnlyList<GoEscape.Inline.InlinedCallRecord>? InlinedCalls { get; init; }
}

/// <summary>
/// Lower and escape-analyze the checked packages of a compilation in dependency order (gc compiles imports first
/// and reads their parameter tags from export data; here the tags live on the dependency's IR function names,
/// shared through one <see cref="ExportTable"/>). Only the packages in <c>report</c> print diagnostics.
/// </summary>
public static class EscapePipeline
{
    /// <summary>
    /// Lowers and analyzes one checked package, after all its dependencies (through <paramref name="exports"/>);
    /// returns its report when <paramref name="report"/> is set and the package has no errors. An internal failure
    /// is thrown as an <see cref="InternalErrorException"/> naming the package (and function): never skipped. Packages without a
    /// dependency relation may run concurrently: this only reads the dependencies' IR and writes the package's own.
    /// </summary>
    /// <param name="generics">Generic declarations of the packages done so far (this package's are added here): the
    /// shaped instantiations each package compiles are lowered from them (gc reads them from export data).</param>
    public static EscapeReport? Package(PackageUnit u, ExportTable exports, GenericIndex generics, bool report, EscapeOptions opts,
        Func<string, string, string> displayPath, GoEscape.Inline.InlineOptions? inline = null)
    {
        // gc compiles no package with errors, and go build none that imports one (those are not checked: DependencyFailed).
        if (u.Loaded.IsUnsafe || u.Types == null || u.Info == null || u.Failed) return null;
        generics.AddPackage(new CheckInfoResults(u.Types, u.Info), u.Files);
        bool wanted = report;
        var log = new EscapeLog { Opts = wanted && opts.LogOpt ? [] : null, Records = wanted && opts.Record ? [] : null };
        var dir = u.Loaded.Dir;
        var lowerer = new Lowerer(new CheckInfoResults(u.Types, u.Info), exports, new LowerOptions
        {
            DisplayPath = f => displayPath(f, dir),
            Generics = generics,
        });
        GoEscape.Inline.Inliner? inliner = null;
        try
        {
            var lowered = lowerer.Lower(u.Files);
            // inlined bodies of other packages carry their package's types and names: print them as gc does here
            if (inline is { CallSites: true }) TypeFmt.Compiling = lowered.Pkg;
            List<GoEscape.IR.Func>? targetFuncs = null;
            if (inline != null)
            {
                // interleaved.DevirtualizeAndInlinePackage starts with inline.CanInlineFuncs over Target.Funcs; the
                // method wrappers are generated after it (reader.finishWrapperFunc), so they take no part.
                inliner = new GoEscape.Inline.Inliner(inline, wanted ? log.Print : null) { Decisions = wanted && opts.Record ? [] : null, InlinedCalls = wanted && opts.Record ? [] : null };
                targetFuncs = lowered.Funcs.Where(f => !f.GeneratedAfterInlining).ToList();
                inliner.CanInlineFuncs(targetFuncs);
            }
            // gc's devirtualize-and-inline stage runs before escape analysis, even with -l (then the lowering's
            // pass alone: the calls in their order, nothing inlined).
            var warn = wanted && opts.M > 0 ? log.Warn : (Action<GoEscape.IR.XPos, string>?)null;
            bool callSites = inliner != null && inline!.CallSites;
            if (!callSites) lowerer.Devirtualize(lowered, warn);
            else
            {
                // interleaved.DevirtualizeAndInlinePackage: devirtualize.StaticCall as each call is resolved
                lowerer.UntailInlinableWrappers();
                var devirt = lowerer.NewDevirtualizer(warn);
                inliner!.StaticCall = devirt.StaticCall;
                inliner.AfterInline = devirt.InlinedCall;
                // the package pass covers gc's Target.Funcs before noder.MakeWrappers: every function but the
                // method wrappers (package init and map init functions included: DeclFunc put them there, marked
                // InlinabilityChecked so that CanInline skips them); then each wrapper on its own, in the order made
                inliner.InlineCalls(GoEscape.IR.TargetFuncs.Order(lowered.Funcs.Where(f => !f.IsMethodWrapper).ToList()));
                foreach (var w in lowered.Funcs)
                {
                    if (!w.IsMethodWrapper) continue;
                    var wd = lowerer.NewDevirtualizer(warn); // DevirtualizeAndInlineFunc's own devirtualize.State
                    inliner.StaticCall = wd.StaticCall;
                    inliner.AfterInline = wd.InlinedCall;
                    inliner.InlineFunc(w);
                }
                // ir.NewClosureFunc put the closures made by inlining into Target.Funcs: deadlocals and escape
                // analysis see them
                lowered.Funcs.AddRange(inliner.NewClosures);
                // pkginit.MakeTask: staticinit lays out the initializers that inlining made static
                foreach (var f in lowered.Funcs)
                    if (f.IsPackageInit) GoEscape.Inline.StaticInit.InlinedCalls(f, lowerer.DisableGlobalAddrs);
            }
            // gc.Main: deadlocals.Funcs runs between inlining and escape analysis
            if (!opts.NoOptimize) DeadLocals.Funcs(lowered.Funcs);
            var popts = opts with
            {
                M = wanted ? opts.M : 0,
                LogOpt = wanted && opts.LogOpt,
                Record = wanted && opts.Record,
                CompilingRuntime = u.ImportPath == "runtime",
            };
            EscapeAnalysis.Funcs(lowered.Funcs, popts, log);
            // gc's walk (after escape analysis) reports elided bounds checks.
            if (popts.M > 0) BoundsCheck.Funcs(lowered.Funcs, log);
            // gc.Main: loopvar.LogTransformations after escape analysis (-json only, with -l)
            LoopVarLog.LogTransformations(lowered.LoopVarsTransformed, log);
        }
        catch (Exception e)
        {
            TypeFmt.Compiling = null;
            // never swallowed: the failure names the package (and the function, where a stage knows it)
            throw InternalErrorException.Wrap(u.ImportPath, null, e);
        }
        TypeFmt.Compiling = null;
        return wanted ? new EscapeReport(u.ImportPath, log.Messages, log.Opts, log.Records) { Inlining = inliner?.Decisions, InlinedCalls = inliner?.InlinedCalls } : null;
    }
}
