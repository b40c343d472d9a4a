namespace GoEscape.IR.Lowering;

/// <summary>
/// Per-iteration loop variables (Go 1.22), as gc's loopvar.ForCapture rewrites them before escape analysis: a loop
/// variable whose address is taken or that a closure captures (outside of a return inside the loop) gets a fresh
/// copy per iteration, declared inside the body; all other loops simply drop their DistinctVars flag.
/// </summary>
public static class LoopVar
{
    /// <summary>Models loopvar.ForCapture for one function (closures are separate functions and handled on their own).
    /// The transformed variables are appended to <paramref name="transformed"/> (for loopvar.LogTransformations).</summary>
    public static void ForCapture(Func fn, List<VarAndLoop>? transformed = null)
    {
        var dclFixups = new Dictionary<Name, AssignStmt>(ReferenceEqualityComparer.Instance);
        var possiblyLeaked = new Dictionary<Name, bool>(ReferenceEqualityComparer.Instance);
        int loopDepth = 0, returnInLoopDepth = 0, seq = 1;
        // For reporting, the last position within any loop (loopvar's updateLastPos: same file, later line:col).
        XPos lastPos = default;
        void UpdateLastPos(XPos p)
        {
            if (p.Index == lastPos.Index && p.File == lastPos.File
                && (p.Line > lastPos.Line || p.Line == lastPos.Line && p.Col > lastPos.Col))
                lastPos = p;
        }

        void NoteMayLeak(Node? x)
        {
            if (x is Name n && !n.IsBlank && n.Type != null) possiblyLeaked[n] = false;
        }

        Node? MaybeReplaceVar(Node? k, RangeStmt x)
        {
            if (k is Name n && possiblyLeaked.TryGetValue(n, out bool leaked) && leaked)
            {
                transformed?.Add(new VarAndLoop(n, x, lastPos));
                var tk = Temps.TempAt(x.Pos, fn, n.Type!);
                var asn = new AssignStmt(x.Pos, n, tk) { Def = true };
                x.Body.Insert(0, asn);
                dclFixups[n] = asn;
                return tk;
            }
            return k;
        }

        Func<Node, bool> scan = null!; // one delegate for the whole walk (set below)
        bool Scan(Node n)
        {
            if (loopDepth > 0) UpdateLastPos(n.Pos);
            switch (n)
            {
                case ClosureExpr c:
                    if (returnInLoopDepth >= loopDepth) break;
                    foreach (var cv in c.Func.ClosureVars)
                    {
                        var v = cv.Canonical();
                        if (possiblyLeaked.ContainsKey(v)) possiblyLeaked[v] = true;
                    }
                    break;
                case AddrExpr { Op: Op.OADDR } a:
                    if (returnInLoopDepth >= loopDepth) break;
                    if (IrUtil.OuterValue(a.X) is Name z && z.Class is Class.PAUTO or Class.PPARAM or Class.PPARAMOUT or Class.PAUTOHEAP
                        && possiblyLeaked.ContainsKey(z))
                        possiblyLeaked[z] = true;
                    break;
                case ReturnStmt:
                {
                    int saved = returnInLoopDepth;
                    returnInLoopDepth = loopDepth;
                    Walk.DoChildren(n, scan);
                    returnInLoopDepth = saved;
                    return false;
                }
                case RangeStmt x:
                {
                    if (!(x.Key is Name { Defn: var kd } && kd == x || x.Value is Name { Defn: var vd } && vd == x) || !x.DistinctVars)
                    {
                        x.DistinctVars = false;
                        break;
                    }
                    NoteMayLeak(x.Key);
                    NoteMayLeak(x.Value);
                    loopDepth++;
                    var savedLastPos = lastPos;
                    lastPos = x.Pos; // this sets the file
                    Walk.DoChildren(n, scan);
                    loopDepth--;
                    x.Key = MaybeReplaceVar(x.Key, x);
                    x.Value = MaybeReplaceVar(x.Value, x);
                    var thisLastPos = lastPos;
                    lastPos = savedLastPos;
                    UpdateLastPos(thisLastPos); // propagates lastPos if in the same file
                    x.DistinctVars = false;
                    return false;
                }
                case ForStmt x:
                {
                    if (!x.DistinctVars) break;
                    ForAllDefInInit(x, (z, _) => NoteMayLeak(z));
                    loopDepth++;
                    var savedLastPos = lastPos;
                    lastPos = x.Pos; // this sets the file
                    Walk.DoChildren(n, scan);
                    loopDepth--;
                    var leaked = new List<Name>();
                    ForAllDefInInit(x, (z, _) =>
                    {
                        if (z is Name nz && possiblyLeaked.TryGetValue(nz, out bool l) && l) leaked.Add(nz);
                    });
                    if (leaked.Count > 0)
                    {
                        foreach (var lz in leaked) transformed?.Add(new VarAndLoop(lz, x, lastPos));
                        RewriteFor(fn, x, leaked, dclFixups, ref seq);
                    }
                    var thisLastPos = lastPos;
                    lastPos = savedLastPos;
                    UpdateLastPos(thisLastPos);
                    x.DistinctVars = false;
                    return false;
                }
            }
            Walk.DoChildren(n, scan);
            return false;
        }
        scan = Scan;
        Walk.DoChildren(fn, scan);

        if (dclFixups.Count > 0) RewriteDecls(fn, dclFixups);
    }

    private static void RewriteFor(Func fn, ForStmt x, List<Name> leaked, Dictionary<Name, AssignStmt> dclFixups, ref int seq)
    {
        var preBody = new List<Node>();
        var postBody = new List<Node>();
        var prime = new Dictionary<Name, Name>(ReferenceEqualityComparer.Instance);
        foreach (var z in leaked)
        {
            var tz = Temps.TempAt(x.Pos, fn, z.Type!);
            prime[z] = tz;
            var asn = new AssignStmt(x.Pos, z, tz) { Def = true };
            z.Defn = asn;
            preBody.Add(asn);
            dclFixups[z] = asn;
            postBody.Add(new AssignStmt(x.Pos, tz, z));
        }
        var label = new IrSym(null, ".3clNext_" + seq++);
        var labelStmt = new LabelStmt(x.Pos, label);

        ReplaceContinues(x.Body, label, 0);

        ForAllDefInInit(x, (z, set) =>
        {
            if (z is Name n && prime.TryGetValue(n, out var tz)) set(tz);
        });

        if (x.Post != null)
        {
            var tmpFirst = Temps.TempAt(x.Pos, fn, IrType.Bool);
            var tmpFirstDcl = new AssignStmt(x.Pos, tmpFirst, new BasicLit(x.Pos, IrType.UntypedBool, IrConst.OfBool(true)));
            var setFalse = new AssignStmt(x.Pos, tmpFirst, new BasicLit(x.Pos, IrType.UntypedBool, IrConst.OfBool(false)));
            var ifFirst = new IfStmt(x.Pos, tmpFirst, [setFalse], [x.Post]);
            ifFirst.Init.Add(new Decl(x.Pos, tmpFirst));
            preBody.Add(ifFirst);
            x.Init.Add(tmpFirstDcl);
        }
        if (x.Cond != null)
        {
            var notCond = new UnaryExpr(Op.ONOT, x.Cond.Pos, x.Cond) { Type = x.Cond.Type };
            preBody.Add(new IfStmt(x.Pos, notCond, [new BranchStmt(Op.OBREAK, x.Pos, null)], []));
        }
        preBody.AddRange(x.Body);
        preBody.Add(labelStmt);
        preBody.AddRange(postBody);
        x.Body.Clear();
        x.Body.AddRange(preBody);
        x.Cond = null;
        x.Post = null;
    }

    /// <summary>Unlabeled continues of the loop (not of nested loops) become "goto label".</summary>
    private static void ReplaceContinues(List<Node> list, IrSym label, int depth)
    {
        for (int i = 0; i < list.Count; i++)
        {
            var n = list[i];
            if (n is BranchStmt { Op: Op.OCONTINUE, Label: null } && depth == 0)
            {
                list[i] = new BranchStmt(Op.OGOTO, n.Pos, label);
                continue;
            }
            foreach (var sub in StmtLists(n))
                ReplaceContinues(sub, label, n is RangeStmt or ForStmt ? depth + 1 : depth);
        }
    }

    private static IEnumerable<List<Node>> StmtLists(Node n)
    {
        switch (n)
        {
            case BlockStmt b: yield return b.List; break;
            case IfStmt i: yield return i.Body; yield return i.Else; break;
            case ForStmt f: yield return f.Body; break;
            case RangeStmt r: yield return r.Body; break;
            case SwitchStmt s: foreach (var c in s.Cases) yield return c.Body; break;
            case SelectStmt s: foreach (var c in s.Cases) yield return c.Body; break;
        }
    }

    private static void ForAllDefInInit(ForStmt x, Action<Node, Action<Node>> f)
    {
        foreach (var s in x.Init)
        {
            switch (s)
            {
                case AssignListStmt { Def: true } y:
                    for (int i = 0; i < y.Lhs.Count; i++) { int j = i; f(y.Lhs[i], v => y.Lhs[j] = v); }
                    break;
                case AssignStmt { Def: true } y:
                    f(y.X, v => y.X = v);
                    break;
            }
        }
    }

    /// <summary>Moves the ODCL of each rewritten variable to the per-iteration assignment (loopvar's rewriteNodes/editNodes).</summary>
    private static void RewriteDecls(Func fn, Dictionary<Name, AssignStmt> fixups)
    {
        void Edit(List<Node> c)
        {
            for (int i = 0; i < c.Count; i++)
            {
                if (c[i] is Decl d && fixups.TryGetValue(d.X, out var a))
                {
                    a.Init.Insert(0, d);
                    fixups.Remove(d.X);
                    c.RemoveAt(i);
                    i--;
                }
            }
        }
        bool Visit(Node n)
        {
            Edit(n.Init);
            switch (n)
            {
                case Func f: Edit(f.Body); break;
                case CaseClause c: Edit(c.Body); break;
                case CommClause c: Edit(c.Body); break;
                case BlockStmt b: Edit(b.List); break;
                case ForStmt f: Edit(f.Body); break;
                case RangeStmt r: Edit(r.Body); break;
                case IfStmt i: Edit(i.Body); Edit(i.Else); break;
            }
            Walk.DoChildren(n, Visit);
            return false;
        }
        Edit(fn.Body);
        Walk.DoChildren(fn, Visit);
    }
}

/// <summary>A loop variable made per-iteration (loopvar.VarAndLoop): the variable, its loop (a RangeStmt or ForStmt:
/// identity and position) and the last position seen within the loop.</summary>
public sealed record VarAndLoop(Name Name, Node Loop, XPos LastPos);
