using GoEscape.IR;

namespace GoEscape.Escape;

internal sealed partial class FuncWalker
{
    /// <summary>Models batch.walkFunc: finds looping labels, then walks the body.</summary>
    public void WalkFunc(Func fn)
    {
        fn.EscState = EscFuncState.Started;

        // Identify labels that mark the head of an unstructured loop.
        Walk.Visit(fn, n =>
        {
            switch (n)
            {
                case LabelStmt l:
                    if (l.Label.IsBlank) break;
                    // Keyed by value: gc's label syms are interned (one *types.Sym per package and name).
                    _labels ??= new Dictionary<IrSym, LabelState>();
                    _labels[l.Label] = LabelState.NonLooping;
                    break;
                case BranchStmt { Op: Op.OGOTO } g:
                    // If we visited the label before the goto, then this is a looping label.
                    if (_labels != null && g.Label != null && _labels.TryGetValue(g.Label, out var st) && st == LabelState.NonLooping)
                        _labels[g.Label] = LabelState.Looping;
                    break;
            }
        });

        Block(fn.Body);

        if (_labels is { Count: > 0 }) throw new InvalidOperationException($"leftover labels after walkFunc in {fn.Sym}");
    }

    /// <summary>Models escape.stmt.</summary>
    private void Stmt(Node? n)
    {
        if (n == null) return;
        Stmts(n.Init);

        switch (n.Op)
        {
            case Op.OFALL: case Op.OINLMARK:
            case Op.OBREAK: case Op.OCONTINUE: case Op.OGOTO:
                // TODO(mdempsky): Handle dead code?
                break;

            case Op.OBLOCK:
                Stmts(((BlockStmt)n).List);
                break;

            case Op.ODCL:
            {
                // Record loop depth at declaration.
                var d = (Decl)n;
                if (!IrUtil.IsBlank(d.X)) Dcl(d.X);
                break;
            }

            case Op.OLABEL:
            {
                var l = (LabelStmt)n;
                if (l.Label.IsBlank) break;
                var st = _labels != null && _labels.TryGetValue(l.Label, out var s) ? s : LabelState.None;
                switch (st)
                {
                    case LabelState.NonLooping: break;
                    case LabelState.Looping: _loopDepth++; break;
                    default: throw new InvalidOperationException($"label {l.Label} missing tag");
                }
                _labels!.Remove(l.Label);
                break;
            }

            case Op.OIF:
            {
                var i = (IfStmt)n;
                Discard(i.Cond);
                Block(i.Body);
                Block(i.Else);
                break;
            }

            case Op.OCHECKNIL:
                Discard(((UnaryExpr)n).X);
                break;

            case Op.OFOR:
            {
                var f = (ForStmt)n;
                if (f.DistinctVars) throw new InvalidOperationException("for loop with DistinctVars must be rewritten before escape analysis");
                _loopDepth++;
                Discard(f.Cond);
                Stmt(f.Post);
                Block(f.Body);
                _loopDepth--;
                break;
            }

            case Op.ORANGE:
            {
                // for Key, Value = range X { Body }
                var r = (RangeStmt)n;
                if (r.DistinctVars) throw new InvalidOperationException("range loop with DistinctVars must be rewritten before escape analysis");

                // X is evaluated outside the loop and persists until the loop terminates.
                var tmp = NewLoc(null, true);
                Expr(tmp.AsHole(), r.X);

                _loopDepth++;
                var ks = Addrs([r.Key, r.Value]);
                if (r.X.Type!.IsArray) Flow(Note(ks[1], n, "range"), tmp);
                else Flow(Deref(ks[1], n, "range-deref"), tmp);
                Reassigned(ks, n);

                Block(r.Body);
                _loopDepth--;
                break;
            }

            case Op.OSWITCH:
            {
                var sw = (SwitchStmt)n;
                if (sw.Tag is TypeSwitchGuard guard)
                {
                    var ks = new List<Hole>();
                    if (guard.Tag != null)
                    {
                        foreach (var cas in sw.Cases)
                        {
                            var cv = cas.Var!;
                            var k = Dcl(cv); // type switch variables have no ODCL.
                            if (cv.Type!.HasPointers()) ks.Add(DotType(k, cv.Type, cas, "switch case"));
                        }
                    }
                    Expr(TeeHole([.. ks]), guard.X);
                }
                else Discard(sw.Tag);

                foreach (var cas in sw.Cases)
                {
                    Discards(cas.List);
                    Block(cas.Body);
                }
                break;
            }

            case Op.OSELECT:
                foreach (var cas in ((SelectStmt)n).Cases)
                {
                    Stmt(cas.Comm);
                    Block(cas.Body);
                }
                break;
            case Op.ORECV:
                // TODO(mdempsky): Consider e.discard(n.Left).
                ExprSkipInit(DiscardHole(), n); // already visited n.Ninit
                break;
            case Op.OSEND:
            {
                var s = (SendStmt)n;
                Discard(s.Chan);
                AssignHeap(s.Value, "send", n);
                break;
            }

            case Op.OAS:
            {
                var a = (AssignStmt)n;
                AssignList([a.X], [a.Y], "assign", n);
                break;
            }
            case Op.OASOP:
            {
                // TODO(mdempsky): Worry about OLSH/ORSH?
                var a = (AssignOpStmt)n;
                AssignList([a.X], [a.Y], "assign", n);
                break;
            }
            case Op.OAS2:
            {
                var a = (AssignListStmt)n;
                AssignList(a.Lhs, a.Rhs, "assign-pair", n);
                break;
            }
            case Op.OAS2DOTTYPE: // v, ok = x.(type)
            {
                var a = (AssignListStmt)n;
                AssignList(a.Lhs, a.Rhs, "assign-pair-dot-type", n);
                break;
            }
            case Op.OAS2MAPR: // v, ok = m[k]
            {
                var a = (AssignListStmt)n;
                AssignList(a.Lhs, a.Rhs, "assign-pair-mapr", n);
                break;
            }
            case Op.OAS2RECV: case Op.OSELRECV2: // v, ok = <-ch
            {
                var a = (AssignListStmt)n;
                AssignList(a.Lhs, a.Rhs, "assign-pair-receive", n);
                break;
            }
            case Op.OAS2FUNC:
            {
                var a = (AssignListStmt)n;
                Stmts(a.Rhs[0].Init);
                var ks = Addrs(a.Lhs);
                Call(ks, a.Rhs[0]);
                Reassigned(ks, n);
                break;
            }
            case Op.ORETURN:
            {
                var r = (ReturnStmt)n;
                var results = _curfn.Signature.Results;
                var dsts = new List<Node?>(results.Count);
                foreach (var res in results) dsts.Add(res.Nname);
                AssignList(dsts, r.Results, "return", n);
                break;
            }
            case Op.OCALLFUNC: case Op.OCALLMETH: case Op.OCALLINTER: case Op.OINLCALL: case Op.OCLEAR: case Op.OCLOSE:
            case Op.OCOPY: case Op.ODELETE: case Op.OPANIC: case Op.OPRINT: case Op.OPRINTLN: case Op.ORECOVER:
                Call(null, n);
                break;
            case Op.OGO: case Op.ODEFER:
                GoDeferStmt((GoDeferStmt)n);
                break;
            case Op.OTAILCALL:
                Call(null, ((TailCallStmt)n).Call);
                break;
            default:
                throw new InvalidOperationException($"unexpected stmt: {n.Op} {n}");
        }
    }

    private void Stmts(List<Node> l)
    {
        foreach (var n in l) Stmt(n);
    }

    /// <summary>Models escape.block: like Stmts, but preserves loopDepth.</summary>
    private void Block(List<Node> l)
    {
        int old = _loopDepth;
        Stmts(l);
        _loopDepth = old;
    }

    /// <summary>Models escape.dcl: records the loop depth at the variable's declaration.</summary>
    private Hole Dcl(Name n)
    {
        if (n.Curfn != _curfn || n.IsClosureVar) throw new InvalidOperationException($"bad declaration of {n.Sym}");
        var loc = OldLoc(n);
        loc.LoopDepth = _loopDepth;
        return loc.AsHole();
    }
}
