using Tuple = GoEscape.Types.Tuple;
using Func = GoEscape.Types.Func;
using GoEscape.Types;
using static GoEscape.Tests.TypesModel.B;

namespace GoEscape.Tests.TypesModel;

public sealed class LookupSizesTests
{
    // package p
    // type Inner struct{ X int; y string }
    // func (Inner) M() {}; func (*Inner) PM() {}
    // type Mid struct{ *Inner; Z bool }
    // type Outer struct{ Mid; X float64 }   // Outer.X shadows Inner.X
    // type A struct{ N int }; type B2 struct{ N int }; type Amb struct{ A; B2 }  // ambiguous N
    private sealed class World
    {
        public readonly Package P = new("p", "p");
        public readonly Named Inner, Mid, Outer, Amb;
        public World()
        {
            Inner = DeclNamed(P, "Inner", new Struct([Field(P, "X", Int), Field(P, "y", Str)]));
            Method(Inner, "M", false, Tuple.Empty, Tuple.Empty);
            Method(Inner, "PM", true, Tuple.Empty, Tuple.Empty);
            Mid = DeclNamed(P, "Mid", new Struct([Field(P, "Inner", new Pointer(Inner), true), Field(P, "Z", Bool)]));
            Outer = DeclNamed(P, "Outer", new Struct([Field(P, "Mid", Mid, true), Field(P, "X", F64)]));
            var a = DeclNamed(P, "A", new Struct([Field(P, "N", Int)]));
            var b = DeclNamed(P, "B2", new Struct([Field(P, "N", Int)]));
            Amb = DeclNamed(P, "Amb", new Struct([Field(P, "A", a, true), Field(P, "B2", b, true)]));
        }
    }

    [Fact]
    public void FieldAndMethodLookupPaths()
    {
        var w = new World();
        var (obj, index, indirect) = GoTypes.LookupFieldOrMethod(w.Outer, false, w.P, "X");
        Assert.Equal("field X float64", obj!.ToString());
        Assert.Equal([1], index!);
        Assert.False(indirect);

        (obj, index, indirect) = GoTypes.LookupFieldOrMethod(w.Outer, false, w.P, "y");
        Assert.Equal("field y string", obj!.ToString());
        Assert.Equal([0, 0, 1], index!);
        Assert.True(indirect); // through *Inner

        (obj, _, _) = GoTypes.LookupFieldOrMethod(w.Outer, false, new Package("other", "other"), "y");
        Assert.Null(obj); // unexported from another package

        (obj, index, indirect) = GoTypes.LookupFieldOrMethod(w.Outer, false, w.P, "PM");
        Assert.Equal("func (*p.Inner).PM()", obj!.ToString());
        Assert.Equal([0, 0, 1], index!);
        Assert.True(indirect); // pointer embedded, so callable even if not addressable

        // direct value receiver requires addressability for pointer methods
        (obj, index, indirect) = GoTypes.LookupFieldOrMethod(w.Inner, false, w.P, "PM");
        Assert.Null(obj);
        Assert.Null(index);
        Assert.True(indirect);
        (obj, _, _) = GoTypes.LookupFieldOrMethod(w.Inner, true, w.P, "PM");
        Assert.NotNull(obj);

        // ambiguous selector
        (obj, index, _) = GoTypes.LookupFieldOrMethod(w.Amb, false, w.P, "N");
        Assert.Null(obj);
        Assert.NotNull(index);

        // pointer to pointer: no methods
        var ptrNamed = DeclNamed(w.P, "PI", new Pointer(w.Inner));
        (obj, _, _) = GoTypes.LookupFieldOrMethod(ptrNamed, false, w.P, "M");
        Assert.Null(obj);
        (obj, _, _) = GoTypes.LookupFieldOrMethod(ptrNamed, false, w.P, "X");
        Assert.NotNull(obj);

        Assert.Equal("Mid.Inner.y", LookupUtil.FieldPath(w.Outer, [0, 0, 1]));

        var sel = GoTypes.LookupSelection(w.Outer, false, w.P, "M")!;
        Assert.Equal(SelectionKind.MethodVal, sel.Kind);
        Assert.Equal("method (p.Outer) M()", sel.ToString());
        var mexpr = new Selection(SelectionKind.MethodExpr, new Pointer(w.Inner), w.Inner.Method(1), [1], false);
        Assert.Equal("method expr (*p.Inner) PM(*p.Inner)", mexpr.ToString());
        Assert.Equal("func(*p.Inner)", mexpr.Type.ToString());
    }

    [Fact]
    public void MethodSets()
    {
        var w = new World();
        Assert.Equal("MethodSet {\n\tmethod (p.Inner) M()\n}\n", GoTypes.NewMethodSet(w.Inner).ToString());
        Assert.Equal("MethodSet {\n\tmethod (*p.Inner) M()\n\tmethod (*p.Inner) PM()\n}\n", GoTypes.NewMethodSet(new Pointer(w.Inner)).ToString());
        // Mid embeds *Inner: both methods promoted to the value method set
        var ms = GoTypes.NewMethodSet(w.Mid);
        Assert.Equal(2, ms.Len);
        Assert.Equal([0, 1], ms.Lookup(w.P, "PM")!.Index);
        Assert.True(ms.Lookup(w.P, "PM")!.Indirect);
        // interface method set
        var io = new Package("io", "io");
        var rw = DeclNamed(io, "RW", new Interface([IMethod(io, "Write", Params(new Slice(GoByte)), Results(Int, Error)), IMethod(io, "Read", Params(new Slice(GoByte)), Results(Int, Error))], []));
        Assert.Equal("MethodSet {\n\tmethod (io.RW) Read([]byte) (int, error)\n\tmethod (io.RW) Write([]byte) (int, error)\n}\n", GoTypes.NewMethodSet(rw).ToString());
        Assert.Equal("MethodSet {}", GoTypes.NewMethodSet(new Pointer(rw)).ToString());
        // collision at the same depth removes the method
        var c1 = DeclNamed(w.P, "C1", Struct.Empty);
        Method(c1, "F", false, Tuple.Empty, Tuple.Empty);
        var c2 = DeclNamed(w.P, "C2", Struct.Empty);
        Method(c2, "F", false, Tuple.Empty, Tuple.Empty);
        var both = new Struct([Field(w.P, "C1", c1, true), Field(w.P, "C2", c2, true)]);
        Assert.Equal(0, GoTypes.NewMethodSet(both).Len);
    }

    [Fact]
    public void GcPointerDataAndDirectIface()
    {
        var p = new Package("p", "p");
        var ptr = new Pointer(Int);
        Assert.True(GcTypeInfo.IsDirectIface(ptr));
        Assert.True(GcTypeInfo.IsDirectIface(new Map(Str, Int)));
        Assert.True(GcTypeInfo.IsDirectIface(new Chan(ChanDir.SendRecv, Int)));
        Assert.True(GcTypeInfo.IsDirectIface(Func()));
        Assert.True(GcTypeInfo.IsDirectIface(T(BasicKind.UnsafePointer)));
        Assert.True(GcTypeInfo.IsDirectIface(new Struct([Field(p, "p", ptr)])));
        Assert.True(GcTypeInfo.IsDirectIface(new GoEscape.Types.Array(ptr, 1)));
        Assert.True(GcTypeInfo.IsDirectIface(new Struct([Field(p, "z", Struct.Empty), Field(p, "p", ptr)])));
        Assert.False(GcTypeInfo.IsDirectIface(new Struct([Field(p, "p", ptr), Field(p, "z", Struct.Empty)]))); // trailing zero-size padding
        Assert.False(GcTypeInfo.IsDirectIface(Int));
        Assert.False(GcTypeInfo.IsDirectIface(Str));
        Assert.False(GcTypeInfo.IsDirectIface(new GoEscape.Types.Array(ptr, 2)));
        Assert.True(GcTypeInfo.HasPointers(Str));
        Assert.False(GcTypeInfo.HasPointers(new GoEscape.Types.Array(ptr, 0)));
        Assert.False(GcTypeInfo.HasPointers(new Struct([Field(p, "a", Int), Field(p, "b", F64)])));
        Assert.Equal(16, GcTypeInfo.PtrDataSize(new Struct([Field(p, "a", Int), Field(p, "b", ptr), Field(p, "c", Int)])));
        Assert.Equal(16 * 2 + 8, GcTypeInfo.PtrDataSize(new GoEscape.Types.Array(Str, 3)));
        Assert.Equal(16, GcTypeInfo.PtrDataSize(Interface.Empty));
        // pointers to not-in-heap types are not pointers for the GC
        var sys = new Package("internal/runtime/sys", "sys");
        var nih = DeclNamed(sys, "nih", Struct.Empty);
        var notInHeap = DeclNamed(sys, "NotInHeap", new Struct([Field(sys, "_", nih)]));
        var node = DeclNamed(p, "node", new Struct([Field(p, "_", notInHeap), Field(p, "next", Int)]));
        Assert.True(GcTypeInfo.IsNotInHeap(node));
        Assert.False(GcTypeInfo.HasPointers(new Pointer(node)));
        Assert.False(GcTypeInfo.IsDirectIface(new Pointer(node)));
    }

    [Fact]
    public void GcSizesAmd64()
    {
        // expected values from unsafe.Sizeof/Alignof/Offsetof compiled by gc 1.27 on amd64
        var s = GcSizes.Amd64;
        var p = new Package("p", "p");
        var s1 = new Struct([Field(p, "a", Bool), Field(p, "b", T(BasicKind.Int64)), Field(p, "c", Bool)]);
        Assert.Equal(24, s.Sizeof(s1));
        Assert.Equal(8, s.Alignof(s1));
        Assert.Equal([0L, 8, 16], s.Offsetsof(s1.Fields));
        var s2 = new Struct([Field(p, "a", Bool), Field(p, "c", Bool), Field(p, "b", T(BasicKind.Int64))]);
        Assert.Equal(16, s.Sizeof(s2));
        var s3 = new Struct([Field(p, "a", T(BasicKind.Int32)), Field(p, "b", Struct.Empty)]);
        Assert.Equal(8, s.Sizeof(s3));
        Assert.Equal(4, s.Alignof(s3));
        var s4 = new Struct(
        [
            Field(p, "s", Str), Field(p, "sl", new Slice(GoByte)), Field(p, "i", Interface.Empty), Field(p, "m", new Map(Int, Int)),
            Field(p, "c", T(BasicKind.Complex64)), Field(p, "f", Func()), Field(p, "a", new GoEscape.Types.Array(T(BasicKind.Int16), 3)),
            Field(p, "p", new Pointer(Int)), Field(p, "e", Struct.Empty),
        ]);
        Assert.Equal(104, s.Sizeof(s4));
        Assert.Equal(8, s.Alignof(s4));
        Assert.Equal([0L, 16, 40, 56, 64, 72, 80, 88, 96], s.Offsetsof(s4.Fields));
        var s5 = new Struct([Field(p, "x", new GoEscape.Types.Array(T(BasicKind.Int64), 0)), Field(p, "y", GoByte)]);
        Assert.Equal(8, s.Sizeof(s5));
        Assert.Equal(8, s.Alignof(s5));
        Assert.Equal(16, s.Sizeof(T(BasicKind.Complex128)));
        Assert.Equal(8, s.Alignof(T(BasicKind.Complex128)));
        Assert.Equal(4, s.Alignof(T(BasicKind.Complex64)));
        Assert.Equal(16, s.Sizeof(Str));
        Assert.Equal(24, s.Sizeof(new Slice(Int)));
        Assert.Equal(8, s.Sizeof(new Chan(ChanDir.SendRecv, Int)));
        Assert.Equal(16, s.Offsetof(new Struct([Field(p, "a", Bool), Field(p, "in", s1, true)]), [1, 2]) - 8);
        var align64 = DeclNamed(new Package("sync/atomic", "atomic"), "align64", Struct.Empty);
        Assert.Equal(8, s.Alignof(align64));
        Assert.Equal(0, s.Sizeof(align64));
        var s386 = (GcSizes)GoTypes.SizesFor("gc", "386")!;
        Assert.Equal(12, s386.Sizeof(new Slice(Int)));
        Assert.Equal(4, s386.Alignof(T(BasicKind.Int64)));
        Assert.Null(GoTypes.SizesFor("gc", "nosucharch"));
    }
}
