using GoEscape.IR;

namespace GoEscape.Escape;

/// <summary>Builds the location graph for one function (escape.escape): statements, expressions, calls, assignments.</summary>
internal sealed partial class FuncWalker
{
    private readonly Batch _b;
    private readonly Func _curfn;
    private Dictionary<IrSym, LabelState>? _labels;
    private int _loopDepth = 1;

    private enum LabelState { None, Looping, NonLooping }

    public FuncWalker(Batch b, Func curfn) { _b = b; _curfn = curfn; }

    private bool Explain => _b.Explain;
    private Hole Note(Hole k, Node where, string why) => k.Note(where, why, _b.Explain);
    private Hole Deref(Hole k, Node where, string why) => k.Shift(1).Note(where, why, _b.Explain);
    private Hole Addr(Hole k, Node where, string why) => k.Shift(-1).Note(where, why, _b.Explain);

    /// <summary>Models hole.dotType: a type assertion to a non-pointer-shaped type dereferences the interface's data word.</summary>
    private Hole DotType(Hole k, IrType t, Node where, string why)
    {
        if (!t.IsInterface && !IrType.IsDirectIface(t)) k = k.Shift(1);
        return k.Note(where, why, _b.Explain);
    }

    private Hole HeapHole() => _b.HeapHole();
    private Hole DiscardHole() => _b.DiscardHole();
    private Hole MutatorHole() => _b.MutatorHole();
    private Hole CalleeHole() => _b.CalleeHole();
    private void Flow(Hole k, Location src) => _b.Flow(k, src);
    private Location OldLoc(Name n) => _b.OldLoc(n);

    /// <summary>Models escape.newLoc: a new location for n (a variable or allocating expression) in the current function.</summary>
    public Location NewLoc(Node? n, bool persists)
    {
        if (n != null && n.Type is { NotInHeap: true })
            _b.Log.Error(n.Pos, $"{n.Type} is incomplete (or unallocatable); stack allocation disallowed");
        if (n is Name nm0 && nm0.Canonical() != nm0)
            throw new InvalidOperationException($"newLoc on non-canonical {nm0.Sym}");

        var loc = new Location { N = n, Curfn = _curfn, LoopDepth = _loopDepth };
        if (loc.IsName(Class.PPARAM)) loc.Param = true;
        else if (loc.IsName(Class.PPARAMOUT)) loc.ParamOut = true;
        if (persists) loc.Attrs |= LocAttr.Persists;
        _b.AllLocs.Add(loc);
        if (n is Name nm)
        {
            if (nm.Class == Class.PPARAM && nm.Curfn == null)
            {
                // ok; hidden parameter
            }
            else if (nm.Curfn != _curfn)
                throw new InvalidOperationException($"curfn mismatch: {Func.FuncName(nm.Curfn)} != {Func.FuncName(_curfn)} for {nm.Sym}");
            if (nm.Opt != null) throw new InvalidOperationException($"{nm.Sym} already has a location");
            nm.Opt = loc;
        }
        return loc;
    }

    /// <summary>Models escape.teeHole: a hole that flows into each of ks.</summary>
    private Hole TeeHole(params Hole[] ks)
    {
        if (ks.Length == 0) return DiscardHole();
        if (ks.Length == 1) return ks[0];
        // TODO(mdempsky): Optimize if there's only one non-discard hole?

        // Given holes "l1 = _", "l2 = **_", "l3 = *_", ..., create a new temporary location ltmp, wire it
        // into place, and return a hole for "ltmp = _".
        var loc = NewLoc(null, false);
        foreach (var k in ks)
        {
            // N.B., "p = &q" and "p = &tmp; tmp = q" are not semantically equivalent. To combine holes like
            // "l1 = _" and "l2 = &_", we'd need to wire them as "l1 = *ltmp" and "l2 = ltmp" and return
            // "ltmp = &_" instead.
            if (k.Derefs < 0) throw new InvalidOperationException("teeHole: negative derefs");
            Flow(k, loc);
        }
        return loc.AsHole();
    }

    /// <summary>Models escape.later: a hole whose location persists (e.g. non-looping defers).</summary>
    private Hole Later(Hole k)
    {
        var loc = NewLoc(null, true);
        Flow(k, loc);
        return loc.AsHole();
    }

    /// <summary>Models escape.spill: allocates a location for n (an allocating expression) whose address flows to k.</summary>
    private Hole Spill(Hole k, Node n)
    {
        var loc = NewLoc(n, false);
        Flow(Addr(k, n, "spill"), loc);
        return loc.AsHole();
    }

    private void Discard(Node? n) => Expr(DiscardHole(), n);
    private void Discards(List<Node> l)
    {
        foreach (var n in l) Discard(n);
    }

    /// <summary>Models escape.expr: models evaluating n, flowing the result to k.</summary>
    private void Expr(Hole k, Node? n)
    {
        if (n == null) return;
        Stmts(n.Init);
        ExprSkipInit(k, n);
    }

    private void ExprSkipInit(Hole k, Node? n)
    {
        if (n == null) return;

        if (k.Derefs >= 0 && n.Type != null && !n.Type.IsUntyped && !n.Type.HasPointers())
            k = k.WithDst(_b.BlankLoc);

        switch (n.Op)
        {
            case Op.OLITERAL: case Op.ONIL: case Op.OGETG: case Op.OGETCALLERSP: case Op.OTYPE: case Op.OMETHEXPR: case Op.OLINKSYMOFFSET:
                // nop
                break;

            case Op.ONAME:
            {
                var nm = (Name)n;
                if (nm.Class is Class.PFUNC or Class.PEXTERN) return;
                Flow(k, OldLoc(nm));
                break;
            }

            case Op.OPLUS: case Op.ONEG: case Op.OBITNOT: case Op.ONOT:
                Discard(((UnaryExpr)n).X);
                break;
            case Op.OADD: case Op.OSUB: case Op.OOR: case Op.OXOR: case Op.OMUL: case Op.ODIV: case Op.OMOD: case Op.OLSH: case Op.ORSH:
            case Op.OAND: case Op.OANDNOT: case Op.OEQ: case Op.ONE: case Op.OLT: case Op.OLE: case Op.OGT: case Op.OGE:
            {
                var bin = (BinaryExpr)n;
                Discard(bin.X);
                Discard(bin.Y);
                break;
            }
            case Op.OANDAND: case Op.OOROR:
            {
                var lg = (LogicalExpr)n;
                Discard(lg.X);
                Discard(lg.Y);
                break;
            }
            case Op.OADDR:
            {
                var a = (AddrExpr)n;
                Expr(Addr(k, n, "address-of"), a.X); // "address-of"
                break;
            }
            case Op.ODEREF:
                Expr(Deref(k, n, "indirection"), ((StarExpr)n).X); // "indirection"
                break;
            case Op.ODOT: case Op.ODOTMETH: case Op.ODOTINTER:
                Expr(Note(k, n, "dot"), ((SelectorExpr)n).X);
                break;
            case Op.ODOTPTR:
                Expr(Deref(k, n, "dot of pointer"), ((SelectorExpr)n).X); // "dot of pointer"
                break;
            case Op.ODOTTYPE: case Op.ODOTTYPE2:
                Expr(DotType(k, n.Type!, n, "dot"), ((TypeAssertExpr)n).X);
                break;
            case Op.ODYNAMICDOTTYPE: case Op.ODYNAMICDOTTYPE2:
                Expr(DotType(k, n.Type!, n, "dot"), ((TypeAssertExpr)n).X);
                break;
            case Op.OINDEX:
            {
                var ix = (IndexExpr)n;
                if (ix.X.Type!.IsArray) Expr(Note(k, n, "fixed-array-index-of"), ix.X);
                else
                {
                    // TODO(mdempsky): Fix why reason text.
                    Expr(Deref(k, n, "dot of pointer"), ix.X);
                }
                Discard(ix.Index);
                break;
            }
            case Op.OINDEXMAP:
            {
                var ix = (IndexExpr)n;
                Discard(ix.X);
                Discard(ix.Index);
                break;
            }
            case Op.OSLICE: case Op.OSLICEARR: case Op.OSLICE3: case Op.OSLICE3ARR: case Op.OSLICESTR:
            {
                var sl = (SliceExpr)n;
                Expr(Note(k, n, "slice"), sl.X);
                Discard(sl.Low);
                Discard(sl.High);
                Discard(sl.Max);
                break;
            }
            case Op.OCONV: case Op.OCONVNOP:
            {
                var cv = (ConvExpr)n;
                if (ShouldCheckPtr(2) && n.Type!.IsUnsafePtr && cv.X.Type!.IsPtr)
                {
                    // When -d=checkptr=2 or -asan is enabled, treat conversions to unsafe.Pointer as an
                    // escaping operation. This allows better runtime instrumentation.
                    AssignHeap(cv.X, "conversion to unsafe.Pointer", n);
                }
                else if (n.Type!.IsUnsafePtr && cv.X.Type!.IsUintptr)
                    UnsafeValue(k, cv.X);
                else Expr(k, cv.X);
                break;
            }
            case Op.OCONVIFACE:
            {
                var cv = (ConvExpr)n;
                if (!cv.X.Type!.IsInterface && !IrType.IsDirectIface(cv.X.Type)) k = Spill(k, n);
                Expr(Note(k, n, "interface-converted"), cv.X);
                break;
            }
            case Op.OMAKEFACE:
                Expr(k, ((BinaryExpr)n).Y);
                break;
            case Op.OITAB: case Op.OIDATA: case Op.OSPTR:
                Expr(k, ((UnaryExpr)n).X);
                break;
            case Op.OSLICE2ARR:
                // Converting a slice to array is effectively a deref.
                Expr(Deref(k, n, "slice-to-array"), ((ConvExpr)n).X);
                break;
            case Op.OSLICE2ARRPTR:
                // the slice pointer flows directly to the result
                Expr(k, ((ConvExpr)n).X);
                break;
            case Op.ORECV:
                Discard(((UnaryExpr)n).X);
                break;

            case Op.OCALLMETH: case Op.OCALLFUNC: case Op.OCALLINTER: case Op.OINLCALL:
            case Op.OLEN: case Op.OCAP: case Op.OMIN: case Op.OMAX: case Op.OCOMPLEX: case Op.OREAL: case Op.OIMAG:
            case Op.OAPPEND: case Op.OCOPY: case Op.ORECOVER:
            case Op.OUNSAFEADD: case Op.OUNSAFESLICE: case Op.OUNSAFESTRING: case Op.OUNSAFESTRINGDATA: case Op.OUNSAFESLICEDATA:
                Call([k], n);
                break;

            case Op.ONEW:
                Spill(k, n);
                break;

            case Op.OMAKESLICE:
            {
                var mk = (MakeExpr)n;
                Spill(k, n);
                Discard(mk.Len);
                Discard(mk.Cap);
                break;
            }
            case Op.OMAKECHAN:
                Discard(((MakeExpr)n).Len);
                break;
            case Op.OMAKEMAP:
            {
                var mk = (MakeExpr)n;
                Spill(k, n);
                Discard(mk.Len);
                break;
            }

            case Op.OMETHVALUE:
            {
                // Flow the receiver argument to both the closure and to the receiver parameter.
                var sel = (SelectorExpr)n;
                var closureK = Spill(k, n);
                var m = sel.Selection!;

                // We don't know how the method value will be called later, so conservatively assume the
                // result parameters all flow to the heap.
                //
                // TODO(mdempsky): Change ks into a callback, so that we don't have to create this slice?
                var ks = new Hole[m.Type.NumResults];
                for (int i = 0; i < ks.Length; i++) ks[i] = HeapHole();
                var paramK = TagHole(ks, m.Nname, m.Type.Recv!);
                Expr(TeeHole(paramK, closureK), sel.X);
                break;
            }

            case Op.OPTRLIT:
                Expr(Spill(k, n), ((AddrExpr)n).X);
                break;

            case Op.OARRAYLIT:
                foreach (var elt0 in ((CompLitExpr)n).List)
                {
                    var elt = elt0 is KeyExpr kv ? kv.Value : elt0;
                    Expr(Note(k, n, "array literal element"), elt);
                }
                break;

            case Op.OSLICELIT:
            {
                k = Spill(k, n);
                foreach (var elt0 in ((CompLitExpr)n).List)
                {
                    var elt = elt0 is KeyExpr kv ? kv.Value : elt0;
                    Expr(Note(k, n, "slice-literal-element"), elt);
                }
                break;
            }

            case Op.OSTRUCTLIT:
                foreach (var elt in ((CompLitExpr)n).List)
                    Expr(Note(k, n, "struct literal element"), ((StructKeyExpr)elt).Value);
                break;

            case Op.OMAPLIT:
                Spill(k, n);
                // Map keys and values are always stored in the heap.
                foreach (var elt0 in ((CompLitExpr)n).List)
                {
                    var elt = (KeyExpr)elt0;
                    AssignHeap(elt.Key, "map literal key", n);
                    AssignHeap(elt.Value, "map literal value", n);
                }
                break;

            case Op.OCLOSURE:
            {
                var clo = (ClosureExpr)n;
                k = Spill(k, n);
                _b.Closures.Add((k, clo));

                var fn = clo.Func;
                if (fn.IsClosure)
                {
                    foreach (var cv in fn.ClosureVars)
                    {
                        var loc = OldLoc(cv);
                        if (!loc.Captured)
                        {
                            loc.Captured = true;
                            // Ignore reassignments to the variable in straightline code preceding the first
                            // capture by a closure.
                            if (loc.LoopDepth == _loopDepth) loc.Reassigned = false;
                        }
                    }

                    foreach (var dn in fn.Dcl)
                    {
                        // Add locations for local variables of the closure, if needed, in case we're not
                        // including the closure func in the batch for escape analysis (happens for escape
                        // analysis called from reflectdata.methodWrapper)
                        if (dn.Opt == null) _b.With(fn).NewLoc(dn, true);
                    }

                    // Analyze the closure's body now, in the enclosing function's location-numbering order.
                    _b.With(fn).WalkFunc(fn);
                }
                break;
            }

            case Op.ORUNES2STR: case Op.OBYTES2STR: case Op.OSTR2RUNES: case Op.OSTR2BYTES: case Op.ORUNESTR:
                Spill(k, n);
                Discard(((ConvExpr)n).X);
                break;

            case Op.OADDSTR:
                Spill(k, n);
                // Arguments of OADDSTR never escape; runtime.concatstrings makes sure of that.
                Discards(((AddStringExpr)n).List);
                break;

            case Op.ODYNAMICTYPE:
                // Nothing to do - argument is a *runtime._type (+ maybe a *runtime.itab) pointing to static data section
                break;

            default:
                throw new InvalidOperationException($"unexpected expr: {n.Op} {n}");
        }
    }

    private bool ShouldCheckPtr(int level) => _b.Opts.Checkptr >= level && (_curfn.Pragma & Pragma.NoCheckPtr) == 0;

    /// <summary>Models escape.unsafeValue: evaluates a uintptr-typed arithmetic expression looking for conversions from an unsafe.Pointer.</summary>
    private void UnsafeValue(Hole k, Node n)
    {
        if (n.Type!.Kind != Kind.TUINTPTR) throw new InvalidOperationException($"unexpected type {n.Type} for {n}");
        if (k.Addrtaken) throw new InvalidOperationException("unexpected addrtaken");

        Stmts(n.Init);

        switch (n)
        {
            case ConvExpr { Op: Op.OCONV or Op.OCONVNOP } cv:
                if (cv.X.Type!.IsUnsafePtr) Expr(k, cv.X);
                else Discard(cv.X);
                break;
            case SelectorExpr { Op: Op.ODOTPTR } sel:
                if (IrUtil.IsReflectHeaderDataField(sel)) Expr(Deref(k, n, "reflect.Header.Data"), sel.X);
                else Discard(sel.X);
                break;
            case UnaryExpr { Op: Op.OPLUS or Op.ONEG or Op.OBITNOT } u:
                UnsafeValue(k, u.X);
                break;
            case BinaryExpr { Op: Op.OADD or Op.OSUB or Op.OOR or Op.OXOR or Op.OMUL or Op.ODIV or Op.OMOD or Op.OAND or Op.OANDNOT } bin:
                UnsafeValue(k, bin.X);
                UnsafeValue(k, bin.Y);
                break;
            case BinaryExpr { Op: Op.OLSH or Op.ORSH } sh:
                UnsafeValue(k, sh.X);
                // RHS need not be uintptr-typed (#32959) and can't meaningfully flow pointers anyway.
                Discard(sh.Y);
                break;
            default:
                ExprSkipInit(DiscardHole(), n);
                break;
        }
    }
}
