using GoEscape.IR;

namespace GoEscape.Escape;

internal sealed partial class FuncWalker
{
    /// <summary>
    /// Models escape.call: evaluates a call expression, including builtin calls. ks should contain the holes
    /// representing where the function callee's results flows (null for a call statement).
    /// </summary>
    private void Call(Hole[]? ks, Node call)
    {
        void Argument(Hole k, Node? arg) => Expr(Note(k, call, "call parameter"), arg);

        switch (call.Op)
        {
            case Op.OCALLFUNC: case Op.OCALLINTER:
            {
                var c = (CallExpr)call;
                // (OCALLMETH must have been rewritten to OCALLFUNC with an OMETHEXPR callee by the lowering.)

                // If we have a direct call to a closure (not just one we were passed as a parameter), then
                // we can just directly connect the result holes to the closure's results.
                var fns = new List<Name>();
                if (c.Op == Op.OCALLFUNC)
                {
                    var ro = _b.ReassignOracleFor(_curfn);
                    var v = ro.StaticValue(c.Fun!);
                    var fn = IrUtil.StaticCalleeName(v);
                    if (fn != null) fns.Add(fn);
                    else if (v is Name name) fns = ResolveAssignedCallees(ro.FuncAssignments(name.Canonical()));
                }

                var fntype = c.Fun!.Type!;
                if (fns.Count == 1) fntype = fns[0].Type!;

                if (ks != null)
                {
                    foreach (var f in fns)
                    {
                        if (_b.InMutualBatch(f))
                        {
                            var results = f.Type!.Results;
                            for (int i = 0; i < results.Count; i++) Expr(ks[i], results[i].Nname);
                        }
                    }
                }

                Node? recvArg = null;
                if (c.Op == Op.OCALLFUNC)
                {
                    // Evaluate callee function expression. Note: We use a non-discard hole here, because
                    // we still need to flow the callee expression to the callee location when the callee is
                    // unknown (e.g., a function value we were passed as a parameter).
                    var calleeK = DiscardHole();
                    if (fns.Count == 0) // unknown callee
                    {
                        foreach (var k in ks ?? [])
                        {
                            if (k.Dst != _b.BlankLoc)
                            {
                                // The results flow somewhere, but we don't statically know the callee
                                // function. If a closure flows here, we need to conservatively assume its
                                // results might flow to the heap.
                                calleeK = Note(CalleeHole(), call, "callee operand");
                                break;
                            }
                        }
                    }
                    Expr(calleeK, c.Fun);
                }
                else recvArg = ((SelectorExpr)c.Fun).X;

                // argumentParam handles escape analysis of assigning a call argument to its corresponding
                // parameter.
                var args = c.Args;
                int argOff = 0;
                if (fntype.Recv != null && recvArg == null)
                {
                    recvArg = args[0];
                    argOff = 1;
                }

                if (c.IsCompilerVarLive)
                {
                    // Don't escape compiler-inserted KeepAlive.
                    if (recvArg != null) Argument(DiscardHole(), recvArg);
                    for (int i = argOff; i < args.Count; i++) Argument(DiscardHole(), args[i]);
                }
                else if (IsEscapeNonString(fns, fntype))
                {
                    // internal/abi.EscapeNonString forces its argument to be on the heap, if it contains a
                    // non-string pointer.
                    var k = HeapHole();
                    if (!HasNonStringPointers(fntype.Params[^1].Type)) k = DiscardHole();
                    for (int i = argOff; i < args.Count; i++) Argument(k, args[i]);
                }
                else
                {
                    int nParams = fntype.Params.Count;
                    if (recvArg != null)
                    {
                        RewriteArgument(recvArg, c, fns);
                        Argument(MergedTagHole(ks, fns, -1, nParams), recvArg);
                    }
                    for (int i = 0; i < nParams; i++)
                    {
                        RewriteArgument(args[argOff + i], c, fns);
                        Argument(MergedTagHole(ks, fns, i, nParams), args[argOff + i]);
                    }
                }
                break;
            }

            case Op.OINLCALL:
            {
                var c = (InlinedCallExpr)call;
                Stmts(c.Body);
                for (int i = 0; i < c.ReturnVars.Count; i++)
                {
                    var k = ks != null ? ks[i] : DiscardHole();
                    Expr(k, c.ReturnVars[i]);
                }
                break;
            }

            case Op.OAPPEND:
            {
                var c = (CallExpr)call;
                var args = c.Args;

                // Appendee slice may flow directly to the result, if it has enough capacity. Alternatively,
                // a new heap slice might be allocated, and all slice elements might flow to heap.
                var appendeeK = TeeHole(ks![0], MutatorHole());
                if (args[0].Type!.Elem!.HasPointers())
                    appendeeK = TeeHole(appendeeK, Deref(HeapHole(), call, "appendee slice"));
                Argument(appendeeK, args[0]);

                if (c.IsDDD)
                {
                    var appendedK = DiscardHole();
                    if (args[1].Type!.IsSlice && args[1].Type!.Elem!.HasPointers())
                        appendedK = Deref(HeapHole(), call, "appended slice...");
                    Argument(appendedK, args[1]);
                }
                else
                {
                    for (int i = 1; i < args.Count; i++) Argument(HeapHole(), args[i]);
                }
                Discard(c.RType);

                // Model the new backing store that might be allocated by append. Its address flows to the
                // result. Users of escape analysis can look at the escape information for OAPPEND to
                // determine whether that backing store needs to be heap allocated.
                var backingStore = Spill(ks[0], call);
                backingStore.Dst.LoopDepth = 0;
                break;
            }

            case Op.OCOPY:
            {
                var c = (BinaryExpr)call;
                Argument(MutatorHole(), c.X);
                var copiedK = DiscardHole();
                if (c.Y.Type!.IsSlice && c.Y.Type.Elem!.HasPointers())
                    copiedK = Deref(HeapHole(), call, "copied slice");
                Argument(copiedK, c.Y);
                Discard(c.RType);
                break;
            }

            case Op.OPANIC:
                Argument(HeapHole(), ((UnaryExpr)call).X);
                break;

            case Op.OCOMPLEX:
            {
                var c = (BinaryExpr)call;
                Discard(c.X);
                Discard(c.Y);
                break;
            }

            case Op.ODELETE: case Op.OPRINT: case Op.OPRINTLN: case Op.ORECOVER:
            {
                var c = (CallExpr)call;
                foreach (var arg in c.Args) Discard(arg);
                Discard(c.RType);
                break;
            }

            case Op.OMIN: case Op.OMAX:
            {
                var c = (CallExpr)call;
                foreach (var arg in c.Args) Argument(ks![0], arg);
                Discard(c.RType);
                break;
            }

            case Op.OLEN: case Op.OCAP: case Op.OREAL: case Op.OIMAG: case Op.OCLOSE:
                Discard(((UnaryExpr)call).X);
                break;

            case Op.OCLEAR:
                Argument(MutatorHole(), ((UnaryExpr)call).X);
                break;

            case Op.OUNSAFESTRINGDATA: case Op.OUNSAFESLICEDATA:
                Argument(ks![0], ((UnaryExpr)call).X);
                break;

            case Op.OUNSAFEADD: case Op.OUNSAFESLICE: case Op.OUNSAFESTRING:
            {
                var c = (BinaryExpr)call;
                Argument(ks![0], c.X);
                Discard(c.Y);
                Discard(c.RType);
                break;
            }

            default:
                throw new InvalidOperationException($"unexpected call op: {call.Op}");
        }
    }

    /// <summary>
    /// Models escape.goDeferStmt. The call must already be normalized (as gc's typecheck does) into a call of a
    /// parameterless, resultless function value, usually a wrapper closure.
    /// </summary>
    private void GoDeferStmt(GoDeferStmt n)
    {
        var k = HeapHole();
        if (n.Op == Op.ODEFER && _loopDepth == 1 && n.DeferAt == null)
        {
            // Top-level defer arguments don't escape to the heap, but they do need to last until they're invoked.
            k = Later(DiscardHole());
            // force stack allocation of defer record, unless open-coded defers are used (see ssa.go)
            n.Esc = Esc.Never;
        }

        // If the function is already a zero argument/result function call, just escape analyze it like a
        // regular function call.
        if (n.Call is not CallExpr { Op: Op.OCALLFUNC } call)
            throw new InvalidOperationException($"expected function call: {n.Call}");
        var sig = call.Fun!.Type!;
        if (sig.NumParams + sig.NumResults != 0)
            throw new InvalidOperationException($"expected signature without parameters or results: {sig}");

        if (call.Fun is ClosureExpr clo && n.Op == Op.OGO) clo.IsGoWrap = true;

        Expr(k, call.Fun);
    }

    /// <summary>
    /// Models escape.rewriteArgument: for calls to //go:uintptrkeepalive or //go:uintptrescapes functions,
    /// uintptr(unsafe.Pointer(p)) arguments are spilled to temps so that the pointee is kept alive (or escapes).
    /// </summary>
    private void RewriteArgument(Node arg, CallExpr call, List<Name> fns)
    {
        var pragma = Pragma.None;
        foreach (var fn in fns)
            if (fn.Func != null) pragma |= fn.Func.Pragma;
        if ((pragma & (Pragma.UintptrKeepAlive | Pragma.UintptrEscapes)) == 0) return;

        void UnsafeUintptr(Node a)
        {
            // Check for unsafe.Pointer->uintptr conversion.
            if (a is not ConvExpr { Op: Op.OCONVNOP } conv) return;
            if (!conv.X.Type!.IsUnsafePtr || !conv.Type!.IsUintptr) return;

            // Create and declare a new pointer-typed temp variable.
            var tmp = CopyExpr(conv.Pos, conv.X, call.Init);
            conv.X = tmp;

            var k = MutatorHole();
            if ((pragma & Pragma.UintptrEscapes) != 0) k = Note(HeapHole(), conv, "//go:uintptrescapes");
            Flow(k, OldLoc(tmp));

            if ((pragma & Pragma.UintptrKeepAlive) != 0)
            {
                tmp.Addrtaken = true; // ensure SSA keeps the tmp variable
                call.KeepAlive.Add(tmp);
            }
        }

        // For variadic functions, the compiler has already rewritten f(a, b, c) to f([]T{a, b, c}...);
        // so we need to look into slice elements to handle uintptr(ptr) arguments to variadic syscall-like functions correctly.
        if (arg is CompLitExpr { Op: Op.OSLICELIT } sl)
        {
            foreach (var el0 in sl.List)
                UnsafeUintptr(el0 is KeyExpr kv ? kv.Value! : el0);
        }
        else UnsafeUintptr(arg);
    }

    /// <summary>Models escape.copyExpr: evaluates expr into a new temporary (declared and assigned in init).</summary>
    private Name CopyExpr(XPos pos, Node expr, List<Node> init)
    {
        if (IrUtil.HasUniquePos(expr)) pos = expr.Pos;
        var tmp = Temps.TempAt(pos, _curfn, expr.Type!);
        var stmts = new List<Node> { new Decl(pos, tmp), new AssignStmt(pos, tmp, expr) };
        init.AddRange(stmts);
        NewLoc(tmp, true);
        Stmts(stmts);
        return tmp;
    }

    /// <summary>Models escape.mergedTagHole: the hole for argument paramIdx (-1: receiver) of a call to any of fns.</summary>
    private Hole MergedTagHole(Hole[]? ks, List<Name> fns, int paramIdx, int nParams)
    {
        if (fns.Count == 0) return HeapHole(); // unknown callee
        var holes = new Hole[fns.Count];
        for (int i = 0; i < fns.Count; i++)
        {
            var f = fns[i];
            int offset = nParams - f.Type!.Params.Count;
            int j = paramIdx - offset;
            var p = j >= 0 ? f.Type.Params[j] : f.Type.Recv!;
            holes[i] = TagHole(ks, f, p);
        }
        return TeeHole(holes);
    }

    /// <summary>Models escape.tagHole: the hole for evaluating an argument passed to param, using the callee's tag (or the param itself in the same batch).</summary>
    private Hole TagHole(Hole[]? ks, Name? fn, Field param)
    {
        // If this is a dynamic call, we can't rely on param.Note.
        if (fn == null) return HeapHole();

        if (_b.InMutualBatch(fn))
        {
            if (param.Nname == null) return DiscardHole();
            return AddrOf(param.Nname);
        }

        // Call to previously tagged function.
        var tagKs = new List<Hole>();
        var esc = Leaks.Parse(param.Note);
        int x;
        if ((x = esc.Heap) >= 0) tagKs.Add(HeapHole().Shift(x));
        if ((x = esc.Mutator) >= 0) tagKs.Add(MutatorHole().Shift(x));
        if ((x = esc.Callee) >= 0) tagKs.Add(CalleeHole().Shift(x));
        if (ks != null)
        {
            for (int i = 0; i < Leaks.NumEscResults; i++)
                if ((x = esc.Result(i)) >= 0) tagKs.Add(ks[i].Shift(x));
        }
        return TeeHole([.. tagKs]);
    }

    /// <summary>Models resolveAssignedCallees: all known functions a func-typed local is assigned, or none if any is unknown.</summary>
    private static List<Name> ResolveAssignedCallees(IReadOnlyList<AssignStmt>? assigns)
    {
        var fns = new List<Name>();
        if (assigns == null) return fns;
        foreach (var a in assigns)
        {
            if (IrUtil.IsZero(a.Y!)) continue; // zero value panics on call; skip
            var callee = IrUtil.StaticCalleeName(a.Y!);
            if (callee == null) return [];
            if (callee.Func != null && (callee.Func.Pragma & (Pragma.UintptrKeepAlive | Pragma.UintptrEscapes)) != 0) return [];
            fns.Add(callee);
        }
        return fns;
    }

    private static bool IsEscapeNonString(List<Name> fns, IrType fntype)
        => fns.Count == 1 && fns[0].Sym.Pkg?.Path == "internal/abi"
           && fns[0].Sym.Name.StartsWith("EscapeNonString[", StringComparison.Ordinal)
           // gc's call has the dictionary first; GoEscape's shaped instantiations take no dictionary parameter
           && fntype.Params.Count is 1 or 2 && fntype.Params[^1].Type.IsShape;

    private static bool HasNonStringPointers(IrType t)
    {
        if (!t.HasPointers()) return false;
        switch (t.Kind)
        {
            case Kind.TSTRING: return false;
            case Kind.TSTRUCT:
                foreach (var f in t.Fields) if (HasNonStringPointers(f.Type)) return true;
                return false;
            case Kind.TARRAY: return HasNonStringPointers(t.Elem!);
        }
        return true;
    }
}
