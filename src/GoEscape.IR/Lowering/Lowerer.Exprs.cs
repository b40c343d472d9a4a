using System.Numerics;
using GoEscape.Types;
using Tuple = GoEscape.Types.Tuple;
using GoArray = GoEscape.Types.Array;
using GoSlice = GoEscape.Types.Slice;
using CConst = GoEscape.Types.Constant.Const;
using GoEscape.Types.Constant;
using Syn = GoEscape.Syntax;
using GoFunc = GoEscape.Types.Func;
using GoConstKind = GoEscape.Types.Constant.ConstKind;

namespace GoEscape.IR.Lowering;

public sealed partial class Lowerer
{
    private static Syn.Expr Unparen(Syn.Expr e)
    {
        while (e is Syn.ParenExpr p) e = p.X;
        return e;
    }

    // ---------------------------------------------------------------- constants

    /// <summary>Models noder's exprConst: a constant expression becomes a typed literal at the expression's position.</summary>
    private BasicLit ConstLit(XPos pos, GoType t, ConstValue v)
    {
        bool negative = v.Kind is GoConstKind.Int or GoConstKind.Float or GoConstKind.Complex
            && CConst.ToInt(v) is var iv && iv.Kind == GoConstKind.Int && CConst.Sign(iv) < 0;
        var ideal = TypeLowering.IdealType(t, negative);
        var it = T(ideal);
        return new BasicLit(pos, it, IrConstOf(v, it));
    }

    private static IrConst IrConstOf(ConstValue v, IrType t)
    {
        bool intType = t.Kind is >= Kind.TINT8 and <= Kind.TUINTPTR;
        bool floatType = t.Kind is Kind.TFLOAT32 or Kind.TFLOAT64;
        switch (v.Kind)
        {
            case GoConstKind.Bool: return IrConst.OfBool(CConst.BoolVal(v));
            case GoConstKind.String: return IrConst.OfString(CConst.StringVal(v));
            case GoConstKind.Int when !floatType:
                return IrConst.OfInt(BigInteger.Parse(v.ExactString(), System.Globalization.CultureInfo.InvariantCulture));
            case GoConstKind.Float or GoConstKind.Int when intType:
            {
                var iv = CConst.ToInt(v);
                if (iv.Kind == GoConstKind.Int)
                    return IrConst.OfInt(BigInteger.Parse(iv.ExactString(), System.Globalization.CultureInfo.InvariantCulture));
                return IrConst.OfFloat(0, v.String());
            }
            case GoConstKind.Float or GoConstKind.Int:
                return IrConst.OfFloat(double.TryParse(v.String(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : 0, v.String());
            case GoConstKind.Complex:
                return new IrConst(ConstKind.Complex, 0.0, v.String());
            default:
                return IrConst.OfInt(0);
        }
    }

    // ---------------------------------------------------------------- conversions

    /// <summary>
    /// Models writer.implicitConvExpr: the expression converted to dst where the language converts implicitly
    /// (assignments, arguments, results, composite literal elements, sends, map keys).
    /// </summary>
    private Node ConvTo(GoType? dst, Syn.Expr e)
    {
        var x = Expr(e);
        if (dst == null) return x;
        var src = _info.TypeOf(Unparen(e));
        if (src == null || GoTypes.Identical(src, dst)) return x;
        // untyped nil takes the target type; a typed nil ([]byte(nil)) converted to an interface stays an OCONVIFACE
        if (x is NilExpr nil && (GoTypes.Unalias(src) is Basic { Kind: BasicKind.UntypedNil } || !GoTypes.IsInterface(dst)))
        { nil.Type = T(dst); return nil; }
        if (x is BasicLit lit && !GoTypes.IsInterface(dst))
        {
            lit.Type = T(dst);
            return lit;
        }
        return Conv(Pos(e), x, src, dst, true);
    }

    /// <summary>Models typecheck.convertOp for a conversion of x (of type src) to dst.</summary>
    private Node Conv(XPos pos, Node x, GoType src, GoType dst, bool @implicit)
    {
        var it = T(dst);
        var op = ConvOp(src, dst, shaped: _instanceDepth > 0);
        var c = new ConvExpr(op, pos, it, x) { Implicit = @implicit };
        if (op is Op.OBYTES2STR or Op.ORUNES2STR)
        {
            var el = x.Type!.Elem!;
            var want = op == Op.OBYTES2STR ? IrType.Byte : IrType.Rune;
            if (!ReferenceEquals(el, want) && !ReferenceEquals(el, op == Op.OBYTES2STR ? IrType.Uint8 : IrType.Int32))
                c.X = new ConvExpr(Op.OCONVNOP, x.Pos, IrType.NewSlice(want), x);
        }
        return c;
    }

    /// <summary>types.SimType on a 64-bit architecture: the machine kind of a numeric basic kind.</summary>
    private static BasicKind SimKind(BasicKind k) => k switch
    {
        BasicKind.Int => BasicKind.Int64,
        BasicKind.Uint or BasicKind.Uintptr => BasicKind.Uint64,
        _ => k,
    };

    /// <param name="shaped">In a shaped body: typecheck.assignOp / convertOp decide with types.Identical, which takes
    /// a shape for any type of its kind (go.shape.[]int to []go.shape.int is an OCONVNOP there).</param>
    private static Op ConvOp(GoType src, GoType dst, bool shaped)
    {
        var su = src.Underlying();
        var du = dst.Underlying();
        if (du is Interface) return Op.OCONVIFACE;
        if (su is Interface) return Op.OCONVNOP; // only via type assertion in practice
        if (shaped ? Shapes.IdenticalGc(src, dst, false) || Shapes.IdenticalGc(su, du, true) : GoTypes.IdenticalIgnoreTags(su, du))
            return su is Basic { Info: var inf } && (inf & (BasicInfo.IsFloat | BasicInfo.IsComplex)) != 0 ? Op.OCONV : Op.OCONVNOP;
        if (su is Pointer sp && du is Pointer dp && GoTypes.IdenticalIgnoreTags(sp.Elem.Underlying(), dp.Elem.Underlying()))
            return Op.OCONVNOP;
        if (su is Basic { Kind: BasicKind.UnsafePointer } || du is Basic { Kind: BasicKind.UnsafePointer }) return Op.OCONVNOP;
        if (su is Chan && du is Chan) return Op.OCONVNOP;
        // typecheck.convertOp: integer types of the same machine kind (types.SimType: int is int64, uint and uintptr
        // are uint64) convert without code (floats of one kind have identical underlying types: handled above)
        if (su is Basic sb && du is Basic db && Predicates.IsInteger(sb) && Predicates.IsInteger(db) && SimKind(sb.Kind) == SimKind(db.Kind))
            return Op.OCONVNOP;
        if (Predicates.IsString(dst))
        {
            if (su is Slice sl)
            {
                var el = sl.Elem.Underlying() as Basic;
                return el is { Kind: BasicKind.Int32 } ? Op.ORUNES2STR : Op.OBYTES2STR;
            }
            if (Predicates.IsInteger(src)) return Op.ORUNESTR;
        }
        if (Predicates.IsString(src) && du is Slice dsl)
            return dsl.Elem.Underlying() is Basic { Kind: BasicKind.Int32 } ? Op.OSTR2RUNES : Op.OSTR2BYTES;
        if (su is Slice && du is Pointer) return Op.OSLICE2ARRPTR;
        if (su is Slice && du is GoArray) return Op.OSLICE2ARR;
        return Op.OCONV;
    }

    // ---------------------------------------------------------------- expressions

    /// <summary>Lowers an expression in value context (models writer.expr + reader.expr + typecheck).</summary>
    private Node Expr(Syn.Expr e0)
    {
        var e = Unparen(e0);
        var val = _info.ValueOf(e);
        if (val != null && _info.TypeOf(e) is { } ct && !_info.IsType(e))
            return ConstLit(Pos(e), ct, val);

        switch (e)
        {
            case Syn.Name n: return NameExpr(n);
            case Syn.SelectorExpr s: return Selector(s);
            case Syn.BasicLit:
                throw new NotSupportedException("literal without constant value");
            case Syn.CompositeLit cl: return CompLit(cl, TypeOf(cl));
            case Syn.FuncLit fl: return Closure(fl);
            case Syn.IndexExpr ix: return Index(ix);
            case Syn.SliceExpr sl: return Slice(sl);
            case Syn.AssertExpr a:
            {
                var x = Expr(a.X);
                return new TypeAssertExpr(Op.ODOTTYPE, Pos(a), x) { Type = T(ValueType(a)) };
            }
            case Syn.Operation op: return Operation(op);
            case Syn.CallExpr call: return Call(call, null);
            default:
                throw new NotSupportedException("expression " + e.Kind);
        }
    }

    /// <summary>For a type parameter, the type it stands for (its core type): see TypeLowering.</summary>
    private static GoType Shape(GoType t)
    {
        if (GoTypes.Unalias(t) is not TypeParam tp) return t;
        var core = GoTypes.CoreType(tp);
        if (core != null && core is not Interface && core is not TypeParam) return core;
        if (TypeLowering.IsByteString(tp)) return Universe.Typ[(int)BasicKind.String];
        return t;
    }

    /// <summary>The type of an expression's value (the first element of a comma-ok tuple).</summary>
    private GoType ValueType(Syn.Expr e) => TypeOf(e) is Tuple { Len: > 0 } t ? t.At(0).Type! : TypeOf(e);

    private Node NameExpr(Syn.Name n)
    {
        var obj = _info.ObjectOf(n);
        switch (obj)
        {
            case Var v when v.Kind == VarKind.PackageVar || (v.Parent != null && v.Parent == v.Pkg?.Scope):
                return GlobalName(v);
            case Var v:
                if (_locals.ContainsKey(v)) return LocalRef(v, n.Pos);
                return GlobalName(v);
            case GoFunc f when _info.TypeArgsOf(n) is { } fta:
                return GenericFuncValue(Pos(n), f, fta, TypeOf(n));
            case GoFunc f:
                return FuncName(f);
            case Nil:
                return new NilExpr(Pos(n), T(TypeOf(n)));
            case GoEscape.Types.Const c:
                return ConstLit(Pos(n), _info.TypeOf(n) ?? c.Type!, c.Val);
            default:
                throw new NotSupportedException($"name {n.Value} ({obj?.GetType().Name})");
        }
    }

    // ---- selectors

    private Node Selector(Syn.SelectorExpr s)
    {
        var sel = _info.SelectionOf(s);
        if (sel == null) return NameExpr(s.Sel); // qualified identifier
        switch (sel.Kind)
        {
            case SelectionKind.FieldVal:
            {
                var x = Expr(s.X);
                var idx = sel.Index;
                var cur = TypeOf(s.X);
                for (int i = 0; i < idx.Count; i++)
                {
                    bool last = i == idx.Count - 1;
                    x = DotField(Pos(s), x, ref cur, idx[i], !last);
                }
                return x;
            }
            case SelectionKind.MethodVal:
            {
                var fn = (GoFunc)sel.Obj;
                var recv = RecvExpr(s, sel);
                // a method needing a dictionary (reader.methodExpr gives no wrapperFn): reader.curry's closure
                if (MethodValueCurry(s, fn, recv.Node, recv.GoType) is { } curried) return curried;
                NoteMethodValue(recv.GoType, fn);
                if (GoTypes.IsInterface(recv.GoType) && Shapes.ContainsShape(recv.GoType))
                    // the receiver converted to the (identical) receiver type of the method expression: printed
                    // J[go.shape.int](j).N
                    recv = (new ConvExpr(Op.OCONVNOP, recv.Node.Pos, T(recv.GoType), recv.Node), recv.GoType);
                if (GoTypes.IsInterface(recv.GoType))
                    return new SelectorExpr(Op.OMETHVALUE, Pos(s), recv.Node, _types.Sym(fn.Pkg, fn.Name))
                    { Type = T(TypeOf(s)), Selection = new Field(_types.Sym(fn.Pkg, fn.Name), T(fn.Type!)) };
                var m = FuncName(fn);
                return new SelectorExpr(Op.OMETHVALUE, Pos(s), recv.Node, _types.Sym(fn.Pkg, fn.Name))
                { Type = T(TypeOf(s)), Selection = new Field(_types.Sym(fn.Pkg, fn.Name), m.Type!) { Nname = m } };
            }
            case SelectionKind.MethodExpr:
            {
                // Models reader's exprMethodExpr without a dictionary: whatever implicit field steps, deref or
                // addr the receiver needs (a promoted method, (*T).M of a value method, I.M), the result is
                // typecheck.NewMethodExpr(pos, recv, sym): an OMETHEXPR on the written receiver type, of type
                // func(recv, params) results, whose Selection is recv's method-set field. ir.MethodExprName of it is
                // the declared method (typecheck.CalcMethods's promoted field is a copy that keeps the Nname), so a
                // call passes its receiver argument to the declared method's receiver parameter; an interface
                // method's field has no Nname: a call through I.M is a call of an unknown function. (gc's wrappers
                // (*T).M / T.M of reflectdata.methodWrapper are generated after escape analysis: never analyzed.)
                var fn = (GoFunc)sel.Obj;
                var recvT = TypeOf(s.X);
                var sym = _types.Sym(fn.Pkg, fn.Name);
                if (GoTypes.IsInterface(recvT))
                    return new SelectorExpr(Op.OMETHEXPR, Pos(s), new TypeNode(Pos(s), T(recvT)), sym)
                    { Type = T(TypeOf(s)), Selection = new Field(sym, T(fn.Type!)) };
                if (Shapes.IsShape(GoTypes.Unalias(recvT)))
                    // T.M of a type parameter T: reader.methodExpr's "type parameter method expression", the
                    // method's entry point from the dictionary punned as a func value (an unknown function)
                    return DictMethodCallee(Pos(s), T(recvT), fn);
                if (Shapes.ContainsShape(recvT))
                    // a shaped receiver (T[go.shape.int].M, a promoted method of a struct with a shaped field ...):
                    // no static wrapper exists, so reader.methodExpr has no wrapperFn and reader builds a closure
                    return MethodExprWrap(s, sel, fn, recvT);
                return MethodExpr(Pos(s), T(recvT), fn, FuncName(fn), T(TypeOf(s)));
            }
        }
        throw new NotSupportedException("selector");
    }

    private SelectorExpr MethodExpr(XPos pos, IrType recvT, GoFunc fn, Name m, IrType? type = null)
    {
        var sig = m.Type!;
        type ??= IrType.NewSignature(null, [sig.Recv!, .. sig.Params], sig.Results);
        return new SelectorExpr(Op.OMETHEXPR, pos, new TypeNode(pos, recvT), _types.Sym(fn.Pkg, fn.Name))
        {
            Type = type,
            Selection = new Field(_types.Sym(fn.Pkg, fn.Name), sig) { Nname = m },
        };
    }

    /// <summary>One field step x.f (ODOT or ODOTPTR through a pointer), updating the current Go type.</summary>
    private Node DotField(XPos pos, Node x, ref GoType cur, int index, bool @implicit)
    {
        var u = cur.Underlying();
        bool ptr = false;
        if (u is Pointer p) { ptr = true; u = p.Elem.Underlying(); }
        var st = (Struct)u;
        var f = st.Field(index);
        cur = f.Type!;
        return new SelectorExpr(ptr ? Op.ODOTPTR : Op.ODOT, pos, x, _types.Sym(f.Pkg, f.Name))
        {
            Type = T(f.Type!), Implicit = @implicit,
            Selection = new Field(_types.Sym(f.Pkg, f.Name), T(f.Type!)),
        };
    }

    /// <summary>Models writer.recvExpr + reader exprRecv: the receiver with embedded-field steps and an implicit &amp; or *.</summary>
    private (Node Node, GoType GoType) RecvExpr(Syn.SelectorExpr s, Selection sel)
    {
        var x = Expr(s.X);
        var typ = TypeOf(s.X);
        var idx = sel.Index;
        for (int i = 0; i < idx.Count - 1; i++)
            x = DotField(Pos(s), x, ref typ, idx[i], true);
        var recv = ((GoFunc)sel.Obj).Signature!.Recv?.Type is { } rt0 ? _subst(rt0) : null;
        if (recv != null)
        {
            if (IsPtrTo(typ, recv))
            {
                x = new StarExpr(Pos(s), x) { Type = T(recv), Implicit = true };
                typ = recv;
            }
            else if (IsPtrTo(recv, typ))
            {
                x = Addr(Pos(s), x, true);
                typ = recv;
            }
        }
        return (x, typ);
    }

    private static bool IsPtrTo(GoType from, GoType to)
        => from is Pointer p && GoTypes.Identical(p.Elem, to) || GoTypes.Unalias(from) is Pointer p2 && GoTypes.Identical(p2.Elem, to);

    /// <summary>Models typecheck.NodAddrAt: &amp;x, marking the outer variable address-taken.</summary>
    private Node Addr(XPos pos, Node x, bool @implicit)
    {
        if (IrUtil.OuterValue(x) is Name n)
        {
            n.Addrtaken = true;
            if (n.IsClosureVar) n.Canonical().Addrtaken = true;
        }
        return new AddrExpr(Op.OADDR, pos, x) { Type = IrType.NewPtr(x.Type!), Implicit = @implicit };
    }

    // ---- index, slice

    private Node Index(Syn.IndexExpr ix)
    {
        if (_info.IsType(ix)) throw new NotSupportedException("type instance");
        var xt = Shape(TypeOf(ix.X));
        if (xt.Underlying() is Signature)
        {
            var gx = Unparen(ix.X);
            var gn = gx as Syn.Name ?? (gx as Syn.SelectorExpr)?.Sel;
            if (gn != null && _info.ObjectOf(gn) is GoFunc gf && _info.TypeArgsOf(gn) is { } gta)
                return GenericFuncValue(Pos(gx), gf, gta, TypeOf(ix));
            throw new NotSupportedException("generic function instance");
        }
        var u = xt.Underlying();
        if (u is Map m)
        {
            var x = Expr(ix.X);
            var key = ConvTo(m.Key, ix.Index);
            return new IndexExpr(Op.OINDEXMAP, Pos(ix), x, key) { Type = T(m.Elem) };
        }
        var xx = Expr(ix.X);
        if (u is Pointer p)
        {
            xx = new StarExpr(Pos(ix), xx) { Type = T(p.Elem), Implicit = true };
            u = p.Elem.Underlying();
        }
        var idx = Expr(ix.Index);
        var et = u switch
        {
            GoArray a => T(a.Elem),
            GoSlice s => T(s.Elem),
            Basic => IrType.Byte,
            _ => throw new NotSupportedException("index of " + u),
        };
        if (u is Basic) et = IrType.Uint8;
        return new IndexExpr(Op.OINDEX, Pos(ix), xx, idx) { Type = et };
    }

    private Node Slice(Syn.SliceExpr sl)
    {
        var xt = Shape(TypeOf(sl.X));
        var u = xt.Underlying();
        var x = Expr(sl.X);
        Node? lo = sl.Index[0] == null ? null : Expr(sl.Index[0]!);
        Node? hi = sl.Index[1] == null ? null : Expr(sl.Index[1]!);
        Node? max = sl.Index[2] == null ? null : Expr(sl.Index[2]!);
        Op op;
        if (u is Basic) op = Op.OSLICESTR;
        else if (u is GoArray)
        {
            // tcSliceExpr takes the array's address at the slice expression (typecheck's base.Pos)
            x = Addr(Pos(sl), x, true);
            op = sl.Full ? Op.OSLICE3ARR : Op.OSLICEARR;
        }
        else if (u is Pointer) op = sl.Full ? Op.OSLICE3ARR : Op.OSLICEARR;
        else op = sl.Full ? Op.OSLICE3 : Op.OSLICE;
        return new SliceExpr(op, Pos(sl), x, lo, hi, max) { Type = T(TypeOf(sl)) };
    }

    // ---- operations

    private Node Operation(Syn.Operation op)
    {
        if (op.Y == null)
        {
            switch (op.Op)
            {
                case Syn.Operator.And:
                {
                    var inner = Unparen(op.X);
                    if (inner is Syn.CompositeLit cl)
                    {
                        var lit = CompLit(cl, TypeOf(cl));
                        return new AddrExpr(Op.OPTRLIT, Pos(op), lit) { Type = IrType.NewPtr(lit.Type!) };
                    }
                    return Addr(Pos(op), Expr(op.X), false);
                }
                case Syn.Operator.Mul:
                {
                    var x = Expr(op.X);
                    return new StarExpr(Pos(op), x) { Type = T(TypeOf(op)) };
                }
                case Syn.Operator.Recv:
                    return new UnaryExpr(Op.ORECV, Pos(op), Expr(op.X)) { Type = T(ValueType(op)) };
            }
            var uop = op.Op switch
            {
                Syn.Operator.Add => Op.OPLUS, Syn.Operator.Sub => Op.ONEG, Syn.Operator.Not => Op.ONOT,
                Syn.Operator.Xor => Op.OBITNOT, Syn.Operator.Tilde => Op.OBITNOT,
                _ => throw new NotSupportedException("unary " + op.Op),
            };
            return new UnaryExpr(uop, Pos(op), Expr(op.X)) { Type = T(TypeOf(op)) };
        }

        // binary: models writer's exprBinaryOp (operands converted to their common type, except shifts)
        GoType? common = null;
        if (op.Op is not (Syn.Operator.Shl or Syn.Operator.Shr))
        {
            var xt = TypeOf(op.X);
            var yt = TypeOf(op.Y);
            if (GoTypes.AssignableTo(xt, yt)) common = yt;
            else if (GoTypes.AssignableTo(yt, xt)) common = xt;
        }
        if (op.Op is Syn.Operator.AndAnd or Syn.Operator.OrOr)
        {
            var lx = ConvTo(common, op.X);
            var ly = ConvTo(common, op.Y);
            return new LogicalExpr(op.Op == Syn.Operator.AndAnd ? Op.OANDAND : Op.OOROR, Pos(op), lx, ly) { Type = T(TypeOf(op)) };
        }
        var x2 = ConvTo(common, op.X);
        var y2 = ConvTo(common, op.Y);
        var rt = T(TypeOf(op));
        if (op.Op == Syn.Operator.Add && rt.IsString)
        {
            // typecheck: OADD of strings becomes OADDSTR, flattening a left-nested chain
            var list = new List<Node>();
            if (x2 is AddStringExpr ax && !ax.Implicit) list.AddRange(ax.List); else list.Add(x2);
            list.Add(y2);
            return new AddStringExpr(Pos(op), list) { Type = rt };
        }
        var bop = op.Op switch
        {
            Syn.Operator.Eql => Op.OEQ, Syn.Operator.Neq => Op.ONE, Syn.Operator.Lss => Op.OLT, Syn.Operator.Leq => Op.OLE,
            Syn.Operator.Gtr => Op.OGT, Syn.Operator.Geq => Op.OGE,
            Syn.Operator.Add => Op.OADD, Syn.Operator.Sub => Op.OSUB, Syn.Operator.Or => Op.OOR, Syn.Operator.Xor => Op.OXOR,
            Syn.Operator.Mul => Op.OMUL, Syn.Operator.Div => Op.ODIV, Syn.Operator.Rem => Op.OMOD, Syn.Operator.And => Op.OAND,
            Syn.Operator.AndNot => Op.OANDNOT, Syn.Operator.Shl => Op.OLSH, Syn.Operator.Shr => Op.ORSH,
            _ => throw new NotSupportedException("binary " + op.Op),
        };
        return new BinaryExpr(bop, Pos(op), x2, y2) { Type = rt };
    }

    // ---- composite literals

    /// <summary>Models reader.compLit: struct literals keyed by field, array/slice literals with OKEY for keyed elements,
    /// map literals with OKEY pairs; an elided *T element type gives an implicit &amp;T{...}.</summary>
    private Node CompLit(Syn.CompositeLit cl, GoType typ)
    {
        bool ptr = false;
        var t = typ;
        if (GoTypes.Unalias(t).Underlying() is Pointer pt && cl.Type == null) { ptr = true; t = pt.Elem; }
        else if (t.Underlying() is Pointer pt2) { ptr = true; t = pt2.Elem; }
        var pos = Pos(cl);
        var it = T(t);
        CompLitExpr lit;
        switch (t.Underlying())
        {
            case Struct st:
            {
                var list = new List<Node>();
                for (int i = 0; i < cl.ElemList.Count; i++)
                {
                    var el = cl.ElemList[i];
                    Var f;
                    Syn.Expr v;
                    if (el is Syn.KeyValueExpr kv)
                    {
                        var fname = ((Syn.Name)kv.Key).Value;
                        // a promoted field key (Go 1.27) names the embedded field itself (models reader.structElems)
                        f = st.Fields.FirstOrDefault(x => x.Name == fname)
                            ?? (Var)GoTypes.LookupFieldOrMethod(t, false, _info.Package, fname).Obj!;
                        v = kv.Value;
                    }
                    else { f = st.Field(i); v = el; }
                    var val = ElemConv(f.Type!, v);
                    list.Add(new StructKeyExpr(Pos(el is Syn.KeyValueExpr kv2 ? kv2.Pos : el.Pos), _types.Sym(f.Pkg, f.Name), val));
                }
                lit = new CompLitExpr(Op.OSTRUCTLIT, pos, list) { Type = it };
                break;
            }
            case GoArray or GoSlice:
            {
                var et = t.Underlying() is GoArray a ? a.Elem : ((GoSlice)t.Underlying()).Elem;
                var list = new List<Node>();
                long idx = 0, max = 0;
                foreach (var el in cl.ElemList)
                {
                    if (el is Syn.KeyValueExpr kv)
                    {
                        var key = Expr(kv.Key);
                        if (key is BasicLit bl && bl.Val.TryInt64(out var kval)) idx = kval;
                        list.Add(new KeyExpr(Pos(kv), key, ElemConv(et, kv.Value)));
                    }
                    else list.Add(ElemConv(et, el));
                    idx++;
                    if (idx > max) max = idx;
                }
                lit = t.Underlying() is GoArray
                    ? new CompLitExpr(Op.OARRAYLIT, pos, list) { Type = it }
                    : new CompLitExpr(Op.OSLICELIT, pos, list) { Type = it, Len = max };
                break;
            }
            case Map m:
            {
                var list = new List<Node>();
                foreach (var el in cl.ElemList)
                {
                    var kv = (Syn.KeyValueExpr)el;
                    list.Add(new KeyExpr(Pos(kv), ElemConv(m.Key, kv.Key), ElemConv(m.Elem, kv.Value)));
                }
                lit = new CompLitExpr(Op.OMAPLIT, pos, list) { Type = it };
                break;
            }
            default:
                throw new NotSupportedException("composite literal of " + t);
        }
        if (ptr) return new AddrExpr(Op.OPTRLIT, pos, lit) { Type = IrType.NewPtr(it), Implicit = true };
        return lit;
    }

    /// <summary>A composite literal element: elided-type literals take the element type.</summary>
    private Node ElemConv(GoType et, Syn.Expr v)
    {
        if (Unparen(v) is Syn.CompositeLit inner && inner.Type == null)
            return CompLit(inner, _info.TypeOf(inner) ?? et);
        return ConvTo(et, v);
    }
}
