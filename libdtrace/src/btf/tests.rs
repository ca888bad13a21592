//! Tests on hand-built BTF blobs (layout per include/uapi/linux/btf.h) and on the running
//! kernel's BTF.

use super::raw::*;
use super::*;

/// Writes BTF blobs the way the kernel lays them out, in either byte order, base or split.
struct Builder {
    le: bool,
    types: Vec<u8>,
    strings: Vec<u8>,
    next_id: u32,
    first_str: u32,
}

impl Builder {
    fn new() -> Builder {
        Builder {
            le: true,
            types: Vec::new(),
            strings: vec![0],
            next_id: 1,
            first_str: 0,
        }
    }

    fn split(base: &Btf) -> Builder {
        Builder {
            le: true,
            types: Vec::new(),
            strings: vec![0],
            next_id: base.next_id(),
            first_str: base.str_limit(),
        }
    }

    fn str(&mut self, s: &str) -> u32 {
        if s.is_empty() {
            return 0;
        }
        let off = self.first_str + self.strings.len() as u32;
        self.strings.extend_from_slice(s.as_bytes());
        self.strings.push(0);
        off
    }

    fn word(&mut self, v: u32) {
        let b = if self.le {
            v.to_le_bytes()
        } else {
            v.to_be_bytes()
        };
        self.types.extend_from_slice(&b);
    }

    fn head(&mut self, name: &str, kind: u32, vlen: u32, kflag: bool, size_or_type: u32) -> TypeId {
        let n = self.str(name);
        self.word(n);
        self.word((kflag as u32) << 31 | kind << 24 | vlen);
        self.word(size_or_type);
        let id = TypeId(self.next_id);
        self.next_id += 1;
        id
    }

    fn int(&mut self, name: &str, size: u32, signed: bool, char: bool) -> TypeId {
        let id = self.head(name, KIND_INT, 0, false, size);
        let enc = (signed as u32) | (char as u32) << 1;
        self.word((enc << 24) | (size * 8));
        id
    }

    fn int_bits(&mut self, name: &str, size: u32, offset: u32, bits: u32) -> TypeId {
        let id = self.head(name, KIND_INT, 0, false, size);
        self.word(offset << 16 | bits);
        id
    }

    fn refer(&mut self, kind: u32, name: &str, target: TypeId) -> TypeId {
        self.head(name, kind, 0, false, target.0)
    }

    fn array(&mut self, elem: TypeId, index: TypeId, n: u32) -> TypeId {
        let id = self.head("", KIND_ARRAY, 0, false, 0);
        self.word(elem.0);
        self.word(index.0);
        self.word(n);
        id
    }

    /// Members are (name, type, bit offset, bit-field size); kind_flag is set when any member
    /// is a bit-field, as pahole does.
    fn aggregate(
        &mut self,
        kind: u32,
        name: &str,
        size: u32,
        members: &[(&str, TypeId, u32, u32)],
    ) -> TypeId {
        let kflag = members.iter().any(|m| m.3 != 0);
        let id = self.head(name, kind, members.len() as u32, kflag, size);
        for &(n, t, off, bits) in members {
            let n = self.str(n);
            self.word(n);
            self.word(t.0);
            self.word(if kflag { bits << 24 | off } else { off });
        }
        id
    }

    fn enumeration(&mut self, name: &str, size: u32, signed: bool, vals: &[(&str, i64)]) -> TypeId {
        let wide = size == 8;
        let kind = if wide { KIND_ENUM64 } else { KIND_ENUM };
        let id = self.head(name, kind, vals.len() as u32, signed, size);
        for &(n, v) in vals {
            let n = self.str(n);
            self.word(n);
            self.word(v as u32);
            if wide {
                self.word((v >> 32) as u32);
            }
        }
        id
    }

    fn proto(&mut self, ret: TypeId, params: &[(&str, TypeId)]) -> TypeId {
        let id = self.head("", KIND_FUNC_PROTO, params.len() as u32, false, ret.0);
        for &(n, t) in params {
            let n = self.str(n);
            self.word(n);
            self.word(t.0);
        }
        id
    }

    fn build(&self) -> Vec<u8> {
        let w16 = |v: u16| {
            if self.le {
                v.to_le_bytes()
            } else {
                v.to_be_bytes()
            }
        };
        let w32 = |v: u32| {
            if self.le {
                v.to_le_bytes()
            } else {
                v.to_be_bytes()
            }
        };
        let mut out = Vec::new();
        out.extend_from_slice(&w16(MAGIC));
        out.push(VERSION);
        out.push(0);
        out.extend_from_slice(&w32(HEADER_LEN as u32));
        out.extend_from_slice(&w32(0));
        out.extend_from_slice(&w32(self.types.len() as u32));
        out.extend_from_slice(&w32(self.types.len() as u32));
        out.extend_from_slice(&w32(self.strings.len() as u32));
        out.extend_from_slice(&self.types);
        out.extend_from_slice(&self.strings);
        out
    }
}

/// A miniature kernel:
///
/// ```c
/// typedef int pid_t;
/// struct task {
///     volatile long state;          // 0
///     pid_t pid;                    // 8
///     int tgid;                     // 12
///     struct task *real_parent;     // 16
///     char comm[16];                // 24
///     union { int a; struct { unsigned int lo, hi; }; };   // 40
///     unsigned int flag:3, mode:5;  // 48, bits 0 and 3
///     const char *name;             // 56
///     struct files *files;          // 64, forward-declared only
/// };                                // 72 bytes
/// ```
struct Mini {
    blob: Vec<u8>,
    int: TypeId,
    uint: TypeId,
    long: TypeId,
    char: TypeId,
    pid_t: TypeId,
    task: TypeId,
    task_ptr: TypeId,
    comm: TypeId,
    const_char_ptr: TypeId,
    handler: TypeId,
    func: TypeId,
    color: TypeId,
    big: TypeId,
}

fn mini(le: bool) -> Mini {
    let mut b = Builder::new();
    b.le = le;
    let int = b.int("int", 4, true, false);
    let uint = b.int("unsigned int", 4, false, false);
    let long = b.int("long", 8, true, false);
    let char = b.int("char", 1, true, true);
    let pid_t = b.refer(KIND_TYPEDEF, "pid_t", int);
    let vol_long = b.refer(KIND_VOLATILE, "", long);
    // The pointer is written before the struct it points to, as in real BTF: pointer, array,
    // then the struct.
    let task = TypeId(b.next_id + 2);
    let task_ptr = b.refer(KIND_PTR, "", task);
    let comm_arr = b.array(char, int, 16);
    // Types after the struct that it refers to, in the order they are written below.
    let anon_union = TypeId(task.0 + 1);
    let anon_struct = TypeId(task.0 + 2);
    let const_char = TypeId(task.0 + 3);
    let const_char_ptr = TypeId(task.0 + 4);
    let files_fwd = TypeId(task.0 + 5);
    let files_ptr = TypeId(task.0 + 6);
    let task2 = b.aggregate(
        KIND_STRUCT,
        "task",
        72,
        &[
            ("state", vol_long, 0, 0),
            ("pid", pid_t, 64, 0),
            ("tgid", int, 96, 0),
            ("real_parent", task_ptr, 128, 0),
            ("comm", comm_arr, 192, 0),
            ("", anon_union, 320, 0),
            ("flag", uint, 384, 3),
            ("mode", uint, 387, 5),
            ("name", const_char_ptr, 448, 0),
            ("files", files_ptr, 512, 0),
        ],
    );
    assert_eq!(task2, task);
    assert_eq!(
        b.aggregate(
            KIND_UNION,
            "",
            8,
            &[("a", int, 0, 0), ("", anon_struct, 0, 0)]
        ),
        anon_union
    );
    assert_eq!(
        b.aggregate(
            KIND_STRUCT,
            "",
            8,
            &[("lo", uint, 0, 0), ("hi", uint, 32, 0)]
        ),
        anon_struct
    );
    assert_eq!(b.refer(KIND_CONST, "", char), const_char);
    assert_eq!(b.refer(KIND_PTR, "", const_char), const_char_ptr);
    assert_eq!(b.head("files", KIND_FWD, 0, false, 0), files_fwd);
    assert_eq!(b.refer(KIND_PTR, "", files_fwd), files_ptr);
    let void_ptr = b.refer(KIND_PTR, "", TypeId::VOID);
    let proto = b.proto(int, &[("p", void_ptr), ("n", long), ("", TypeId::VOID)]);
    let handler = b.refer(KIND_PTR, "", proto);
    let func = b.head("do_it", KIND_FUNC, 1, false, proto.0);
    let color = b.enumeration("color", 4, true, &[("RED", 0), ("BLUE", -2)]);
    let big = b.enumeration("big", 8, false, &[("HUGE", -1)]);
    Mini {
        blob: b.build(),
        int,
        uint,
        long,
        char,
        pid_t,
        task,
        task_ptr,
        comm: comm_arr,
        const_char_ptr,
        handler,
        func,
        color,
        big,
    }
}

fn mini_btf() -> (Mini, Btf) {
    let m = mini(true);
    let btf = Btf::parse(&m.blob, None).expect("mini BTF parses");
    (m, btf)
}

#[test]
fn finds_types_by_name_and_namespace() {
    let (m, btf) = mini_btf();
    assert_eq!(btf.find_struct("task"), Some(m.task));
    assert_eq!(btf.find_type("struct task"), Some(m.task));
    assert_eq!(btf.find_type("  struct   task "), Some(m.task));
    assert_eq!(btf.find_typedef("pid_t"), Some(m.pid_t));
    assert_eq!(btf.find_type("pid_t"), Some(m.pid_t));
    assert_eq!(btf.find_type("unsigned int"), Some(m.uint));
    assert_eq!(btf.find_type("enum color"), Some(m.color));
    assert_eq!(btf.find_enum("big"), Some(m.big));
    assert_eq!(btf.find_func("do_it"), Some(m.func));
    // Tags are separate namespaces: a struct is not a typedef, a typedef is not a struct.
    assert_eq!(btf.find_typedef("task"), None);
    assert_eq!(btf.find_struct("pid_t"), None);
    assert_eq!(btf.find_union("task"), None);
    assert_eq!(btf.find_struct("no_such_struct"), None);
    assert_eq!(btf.find_type("struct"), None);
    assert_eq!(btf.find_struct(""), None);
    // A struct known only by a forward declaration is found as such.
    let files = btf.find_struct("files").unwrap();
    assert_eq!(btf.kind(files).unwrap(), Kind::Fwd);
}

#[test]
fn decodes_kinds() {
    let (m, btf) = mini_btf();
    let t = btf.ty(m.char).unwrap();
    assert_eq!(t.name, "char");
    match t.kind {
        TypeKind::Int {
            size,
            encoding,
            bits,
            bit_offset,
        } => {
            assert_eq!((size, bits, bit_offset), (1, 8, 0));
            assert!(encoding.signed && encoding.char && !encoding.bool);
        }
        other => panic!("char decoded as {other:?}"),
    }
    match btf.ty(m.comm).unwrap().kind {
        TypeKind::Array {
            elem,
            index,
            nelems,
        } => {
            assert_eq!((elem, index, nelems), (m.char, m.int, 16))
        }
        other => panic!("comm decoded as {other:?}"),
    }
    let vals: Vec<_> = match btf.ty(m.color).unwrap().kind {
        TypeKind::Enum {
            values,
            signed,
            size,
        } => {
            assert!(signed);
            assert_eq!(size, 4);
            values.map(|v| (v.name, v.value)).collect()
        }
        other => panic!("color decoded as {other:?}"),
    };
    assert_eq!(vals, [("RED", 0), ("BLUE", -2)]);
    // An unsigned 64-bit enumerator with all bits set is 2^64 - 1, not -1.
    let t = btf.ty(m.big).unwrap();
    assert_eq!(t.kind(), Kind::Enum64);
    let vals: Vec<_> = match t.kind {
        TypeKind::Enum { values, .. } => values.map(|v| v.value).collect(),
        _ => unreachable!(),
    };
    assert_eq!(vals, [u64::MAX as i128]);
    match btf.ty(m.func).unwrap().kind {
        TypeKind::Func { proto, linkage } => {
            assert_eq!(linkage, Linkage::Global);
            match btf.ty(proto).unwrap().kind {
                TypeKind::FuncProto { ret, params } => {
                    assert_eq!(ret, m.int);
                    let names: Vec<_> = params.map(|p| p.name).collect();
                    assert_eq!(names, ["p", "n", ""]);
                }
                other => panic!("proto decoded as {other:?}"),
            }
        }
        other => panic!("func decoded as {other:?}"),
    }
    assert_eq!(btf.kind(TypeId::VOID).unwrap(), Kind::Void);
    assert!(matches!(
        btf.ty(TypeId(btf.next_id())),
        Err(BtfError::BadTypeId(_))
    ));
}

#[test]
fn members_offsets_and_anonymous_members() {
    let (m, btf) = mini_btf();
    let pid = btf.member(m.task, "pid").unwrap();
    assert_eq!(
        (pid.type_id, pid.bit_offset, pid.bitfield_size),
        (m.pid_t, 64, 0)
    );
    assert_eq!(btf.member(m.task, "tgid").unwrap().byte_offset(), 12);
    // Through the anonymous union, then the anonymous struct inside it.
    let a = btf.member(m.task, "a").unwrap();
    assert_eq!((a.type_id, a.byte_offset()), (m.int, 40));
    let hi = btf.member(m.task, "hi").unwrap();
    assert_eq!((hi.name, hi.type_id, hi.byte_offset()), ("hi", m.uint, 44));
    // kind_flag bit-fields.
    let mode = btf.member(m.task, "mode").unwrap();
    assert_eq!((mode.bit_offset, mode.bitfield_size), (387, 5));
    assert_eq!(btf.member(m.task, "nope"), None);
    assert_eq!(btf.member(m.task, ""), None);
    assert_eq!(btf.member(m.int, "pid"), None);
    // Members through a pointer are not members of the pointer.
    assert_eq!(btf.member(m.task_ptr, "pid"), None);
}

#[test]
fn legacy_bitfields_without_kind_flag() {
    let mut b = Builder::new();
    let uint = b.int("unsigned int", 4, false, false);
    let bits3 = b.int_bits("unsigned int", 4, 0, 3);
    let bits5 = b.int_bits("unsigned int", 4, 2, 5);
    // Written by hand: kind_flag clear, offsets are plain bit offsets.
    let s = b.aggregate(
        KIND_STRUCT,
        "s",
        4,
        &[("x", bits3, 0, 0), ("y", bits5, 3, 0), ("z", uint, 0, 0)],
    );
    let btf = Btf::parse(&b.build(), None).unwrap();
    let x = btf.member(s, "x").unwrap();
    assert_eq!((x.bit_offset, x.bitfield_size), (0, 3));
    let y = btf.member(s, "y").unwrap();
    assert_eq!((y.bit_offset, y.bitfield_size), (5, 5));
    assert_eq!(btf.member(s, "z").unwrap().bitfield_size, 0);
}

#[test]
fn resolve_and_size() {
    let (m, btf) = mini_btf();
    assert_eq!(btf.resolve(m.pid_t).unwrap(), m.int);
    assert_eq!(btf.resolve(m.int).unwrap(), m.int);
    let state = btf.member(m.task, "state").unwrap();
    assert_eq!(btf.resolve(state.type_id).unwrap(), m.long);
    assert_eq!(btf.size_of(m.pid_t).unwrap(), 4);
    assert_eq!(btf.size_of(m.task).unwrap(), 72);
    assert_eq!(btf.size_of(m.comm).unwrap(), 16);
    assert_eq!(btf.size_of(m.task_ptr).unwrap(), 8);
    assert_eq!(btf.size_of(m.big).unwrap(), 8);
    assert!(matches!(
        btf.size_of(TypeId::VOID),
        Err(BtfError::NoSize { .. })
    ));
    assert!(matches!(btf.size_of(m.func), Err(BtfError::NoSize { .. })));
    let files = btf.find_struct("files").unwrap();
    assert!(matches!(btf.size_of(files), Err(BtfError::NoSize { .. })));
}

#[test]
fn typedef_cycle_is_an_error() {
    let mut b = Builder::new();
    let a = b.refer(KIND_TYPEDEF, "a", TypeId(2));
    b.refer(KIND_CONST, "", a);
    let btf = Btf::parse(&b.build(), None).unwrap();
    assert!(matches!(btf.resolve(a), Err(BtfError::Cycle(_))));
    assert!(btf.size_of(a).is_err());
    assert!(
        btf.type_name(a).is_ok(),
        "a typedef name needs no resolution"
    );
}

#[test]
fn member_paths() {
    let (m, btf) = mini_btf();
    // curthread->real_parent->tgid, from the pointer curthread is.
    let hops = btf
        .member_path(m.task_ptr, &["real_parent", "tgid"])
        .unwrap();
    assert_eq!(hops.len(), 2);
    assert_eq!(
        (hops[0].deref, hops[0].offset, hops[0].member.type_id),
        (true, 16, m.task_ptr)
    );
    assert_eq!(
        (hops[1].deref, hops[1].offset, hops[1].member.type_id),
        (true, 12, m.int)
    );
    // From the struct itself the first hop is `.`.
    let hops = btf.member_path(m.task, &["real_parent", "comm"]).unwrap();
    assert_eq!((hops[0].deref, hops[0].offset), (false, 16));
    assert_eq!(
        (hops[1].deref, hops[1].offset, hops[1].member.type_id),
        (true, 24, m.comm)
    );
    let hops = btf.member_path(m.task, &["hi"]).unwrap();
    assert_eq!(hops[0].offset, 44);

    match btf.member_path(m.task, &["real_parent", "nope"]) {
        Err(BtfError::NoMember { ty, member }) => {
            assert_eq!((ty.as_str(), member.as_str()), ("struct task", "nope"))
        }
        other => panic!("expected NoMember, got {other:?}"),
    }
    match btf.member_path(m.task, &["pid", "x"]) {
        Err(BtfError::NotAggregate { ty, member }) => {
            assert_eq!((ty.as_str(), member.as_str()), ("pid_t", "x"))
        }
        other => panic!("expected NotAggregate, got {other:?}"),
    }
    // A pointer to a pointer needs two dereferences; `->` does one.
    let comm_ptr_err = btf.member_path(m.const_char_ptr, &["x"]);
    assert!(matches!(comm_ptr_err, Err(BtfError::NotAggregate { .. })));
    assert!(matches!(
        btf.member_path(m.task, &["files", "x"]),
        Err(BtfError::Incomplete { .. })
    ));
    assert!(btf.member_path(m.task, &[]).unwrap().is_empty());
}

#[test]
fn c_type_names() {
    let (m, btf) = mini_btf();
    let name = |id| btf.type_name(id).unwrap();
    assert_eq!(name(m.task), "struct task");
    assert_eq!(name(m.task_ptr), "struct task *");
    assert_eq!(name(m.uint), "unsigned int");
    assert_eq!(name(m.comm), "char [16]");
    assert_eq!(name(m.pid_t), "pid_t");
    assert_eq!(name(m.const_char_ptr), "const char *");
    assert_eq!(name(m.handler), "int (*)(void *, long, ...)");
    assert_eq!(name(m.func), "int (void *, long, ...)");
    assert_eq!(name(m.color), "enum color");
    assert_eq!(name(TypeId::VOID), "void");
    let state = btf.member(m.task, "state").unwrap();
    assert_eq!(name(state.type_id), "volatile long");
    let files = btf.member(m.task, "files").unwrap();
    assert_eq!(name(files.type_id), "struct files *");
    let anon = btf
        .resolve(btf.member_path(m.task, &["a"]).unwrap()[0].member.type_id)
        .unwrap();
    assert_eq!(name(anon), "int");

    let mut b = Builder::new();
    let char = b.int("char", 1, true, true);
    let int = b.int("int", 4, true, false);
    let p = b.refer(KIND_PTR, "", char);
    let cp = b.refer(KIND_CONST, "", p);
    let cpp = b.refer(KIND_PTR, "", cp);
    let arr = b.array(int, int, 4);
    let parr = b.refer(KIND_PTR, "", arr);
    let arr2 = b.array(arr, int, 2);
    let parrp = b.array(p, int, 3);
    let noargs = b.proto(int, &[]);
    let pnoargs = b.refer(KIND_PTR, "", noargs);
    let btf = Btf::parse(&b.build(), None).unwrap();
    let name = |id| btf.type_name(id).unwrap();
    assert_eq!(name(cp), "char *const");
    assert_eq!(name(cpp), "char *const *");
    assert_eq!(name(parr), "int (*)[4]");
    assert_eq!(name(arr2), "int [2][4]");
    assert_eq!(name(parrp), "char *[3]");
    assert_eq!(name(pnoargs), "int (*)(void)");
    assert_eq!(btf.size_of(arr2).unwrap(), 32);
}

#[test]
fn big_endian_blobs_read_the_same() {
    let le = mini(true);
    let be = mini(false);
    assert_ne!(le.blob, be.blob);
    let btf = Btf::parse(&be.blob, None).unwrap();
    assert_eq!(btf.find_struct("task"), Some(be.task));
    let hops = btf
        .member_path(be.task_ptr, &["real_parent", "hi"])
        .unwrap();
    assert_eq!(hops[1].offset, 44);
    assert_eq!(
        btf.type_name(be.handler).unwrap(),
        "int (*)(void *, long, ...)"
    );
    assert_eq!(btf.member(be.task, "mode").unwrap().bit_offset, 387);
}

#[test]
fn split_btf_continues_base_ids_and_strings() {
    let (m, base) = mini_btf();
    let mut b = Builder::split(&base);
    // The split type's member names reuse a base string ("pid") and add one ("owner").
    let pid_off = {
        let mut off = 0;
        while base.str_at(off) != "pid" {
            off += base.str_at(off).len() as u32 + 1;
        }
        off
    };
    let owner = b.str("owner");
    let id = TypeId(b.next_id);
    let n = b.str("module_thing");
    b.word(n);
    b.word(KIND_STRUCT << 24 | 2);
    b.word(16);
    for (name, ty, off) in [(pid_off, m.pid_t, 0), (owner, m.task_ptr, 64)] {
        b.word(name);
        b.word(ty.0);
        b.word(off);
    }
    b.next_id += 1;
    let split = Btf::parse(&b.build(), Some(&base)).unwrap();
    assert_eq!(id.0, base.next_id());
    assert_eq!(split.next_id(), base.next_id() + 1);
    assert_eq!(split.find_struct("module_thing"), Some(id));
    assert_eq!(
        split.find_struct("task"),
        Some(m.task),
        "base types are visible"
    );
    assert_eq!(base.find_struct("module_thing"), None);
    let hops = split
        .member_path(id, &["owner", "real_parent", "tgid"])
        .unwrap();
    assert_eq!(
        hops.iter().map(|h| h.offset).collect::<Vec<_>>(),
        [8, 16, 12]
    );
    assert_eq!(split.member(id, "pid").unwrap().type_id, m.pid_t);
    assert_eq!(split.type_name(id).unwrap(), "struct module_thing");
    // Without its base, the same blob's ids and names do not fit.
    assert!(Btf::parse(&b.build(), None).is_err());
}

#[test]
fn malformed_blobs_are_errors() {
    let (m, _) = mini_btf();
    assert!(matches!(Btf::parse(&[], None), Err(BtfError::BadMagic)));
    assert!(matches!(
        Btf::parse(b"ELF\x7f and more", None),
        Err(BtfError::BadMagic)
    ));
    assert!(matches!(
        Btf::parse(&m.blob[..10], None),
        Err(BtfError::Malformed(_))
    ));

    let mut bad = m.blob.clone();
    bad[2] = 2;
    assert!(matches!(Btf::parse(&bad, None), Err(BtfError::Version(2))));

    // A string section without its final nul.
    let mut bad = m.blob.clone();
    *bad.last_mut().unwrap() = b'x';
    assert!(matches!(
        Btf::parse(&bad, None),
        Err(BtfError::Malformed(_))
    ));

    // Sections reaching past the end.
    let mut bad = m.blob.clone();
    let len = u32::from_le_bytes(bad[20..24].try_into().unwrap());
    bad[20..24].copy_from_slice(&(len + 1).to_le_bytes());
    assert!(matches!(
        Btf::parse(&bad, None),
        Err(BtfError::Malformed(_))
    ));

    let mut b = Builder::new();
    b.head("x", 25, 0, false, 0);
    assert!(matches!(
        Btf::parse(&b.build(), None),
        Err(BtfError::UnknownKind { id: 1, kind: 25 })
    ));

    // A struct claiming more members than follow it.
    let mut b = Builder::new();
    b.head("s", KIND_STRUCT, 3, false, 4);
    b.word(0);
    assert!(matches!(
        Btf::parse(&b.build(), None),
        Err(BtfError::Malformed(_))
    ));

    // A name offset past the string section.
    let mut b = Builder::new();
    b.word(1000);
    b.word(KIND_PTR << 24);
    b.word(0);
    assert!(matches!(
        Btf::parse(&b.build(), None),
        Err(BtfError::Malformed(_))
    ));

    // A member name offset past the string section.
    let mut b = Builder::new();
    let int = b.int("int", 4, true, false);
    b.head("s", KIND_STRUCT, 1, false, 4);
    b.word(1000);
    b.word(int.0);
    b.word(0);
    assert!(matches!(
        Btf::parse(&b.build(), None),
        Err(BtfError::Malformed(_))
    ));

    assert!(matches!(
        Btf::load_file("/nonexistent/btf", None),
        Err(BtfError::Io { .. })
    ));
}

#[test]
fn anonymous_types_need_no_strings() {
    let mut b = Builder::new();
    b.strings.clear();
    let p = b.refer(KIND_PTR, "", TypeId::VOID);
    let btf = Btf::parse(&b.build(), None).unwrap();
    assert_eq!(btf.type_name(p).unwrap(), "void *");
    assert_eq!(btf.str_at(0), "");
}

#[test]
fn sysfs_files_that_cannot_be_mapped_are_read() {
    // procfs files report size 0 and refuse mmap, like sysfs BTF on kernels before 6.16.
    let data = super::data::map_sysfs(Path::new("/proc/self/stat")).unwrap();
    assert!(matches!(data, super::data::Data::Owned(_)));
    assert!(data.starts_with(std::process::id().to_string().as_bytes()));
}

#[test]
fn module_names_cannot_escape_sysfs() {
    let (_, btf) = mini_btf();
    for bad in ["", "..", "../etc/passwd", "a/b"] {
        assert!(
            matches!(btf.load_module(bad), Err(BtfError::BadModuleName(_))),
            "{bad}"
        );
    }
}

// ---- The running kernel's BTF ----

fn vmlinux() -> Option<Btf> {
    if !Path::new(SYSFS_BTF_DIR).join("vmlinux").exists() {
        eprintln!("no {SYSFS_BTF_DIR}/vmlinux: skipping");
        return None;
    }
    Some(Btf::load_vmlinux().expect("vmlinux BTF parses"))
}

#[test]
fn vmlinux_task_struct() {
    let Some(btf) = vmlinux() else { return };
    let task = btf.find_struct("task_struct").expect("struct task_struct");
    assert_eq!(btf.kind(task).unwrap(), Kind::Struct);
    let task_size = btf.size_of(task).unwrap();

    for name in ["pid", "tgid"] {
        let m = btf.member(task, name).unwrap();
        let r = btf.resolve(m.type_id).unwrap();
        assert_eq!(btf.type_name(r).unwrap(), "int", "{name}");
        assert_eq!(btf.size_of(m.type_id).unwrap(), 4);
        assert_eq!(m.bitfield_size, 0);
        assert!(u64::from(m.byte_offset()) + 4 <= task_size);
    }
    assert_eq!(
        btf.type_name(btf.member(task, "pid").unwrap().type_id)
            .unwrap(),
        "pid_t"
    );
    let pid = btf.member(task, "pid").unwrap().byte_offset();
    let tgid = btf.member(task, "tgid").unwrap().byte_offset();
    assert_eq!(tgid, pid + 4, "tgid follows pid in task_struct");

    let rp = btf.member(task, "real_parent").unwrap();
    assert_eq!(btf.type_name(rp.type_id).unwrap(), "struct task_struct *");
    match btf.ty(btf.resolve(rp.type_id).unwrap()).unwrap().kind {
        TypeKind::Ptr { target } => assert_eq!(btf.resolve(target).unwrap(), task),
        other => panic!("real_parent is {other:?}"),
    }
    let comm = btf.member(task, "comm").unwrap();
    assert_eq!(btf.type_name(comm.type_id).unwrap(), "char [16]");
    assert_eq!(btf.size_of(comm.type_id).unwrap(), 16);

    // Every named member lies inside the struct, in order of declaration for a struct.
    let mut last = 0;
    for m in btf.ty(task).unwrap().members().unwrap() {
        assert!(m.bit_offset >= last, "{} goes backwards", m.name);
        last = m.bit_offset;
        if m.bitfield_size == 0 {
            let size = btf.size_of(m.type_id).unwrap();
            assert!(
                u64::from(m.byte_offset()) + size <= task_size,
                "{} overflows",
                m.name
            );
        }
    }

    let hops = btf
        .member_path(
            btf.find_type("struct task_struct").unwrap(),
            &["real_parent", "tgid"],
        )
        .unwrap();
    assert_eq!((hops[0].deref, hops[0].offset), (false, rp.byte_offset()));
    assert_eq!((hops[1].deref, hops[1].offset), (true, tgid));

    assert!(btf.member(task, "no_such_member").is_none());
    assert!(matches!(
        btf.member_path(task, &["real_parent", "no_such_member"]),
        Err(BtfError::NoMember { .. })
    ));
    assert!(matches!(
        btf.member_path(task, &["pid", "x"]),
        Err(BtfError::NotAggregate { .. })
    ));
    assert_eq!(btf.find_struct("no_such_struct_in_the_kernel"), None);
}

#[test]
fn vmlinux_anonymous_members() {
    let Some(btf) = vmlinux() else { return };
    // task_struct has no anonymous members in every kernel version, so check every struct and
    // union that has one: a member inside an anonymous struct/union is found from the outer
    // type at the sum of both offsets, unless an earlier member of the same name shadows it.
    let mut checked = 0;
    for id in btf.type_ids() {
        let Some(members) = btf.ty(id).unwrap().members() else {
            continue;
        };
        for outer in members.filter(|m| m.name.is_empty()) {
            let Some(inner) = btf
                .ty(btf.resolve(outer.type_id).unwrap())
                .unwrap()
                .members()
            else {
                continue;
            };
            for m in inner.filter(|m| !m.name.is_empty()) {
                let found = btf.member(id, m.name).expect("anonymous member found");
                if found.type_id == m.type_id && found.bitfield_size == m.bitfield_size {
                    assert_eq!(
                        found.bit_offset,
                        outer.bit_offset + m.bit_offset,
                        "{}",
                        m.name
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} anonymous members in the kernel"
    );
    // struct sk_buff starts with an anonymous union of a struct holding next and prev.
    if let Some(skb) = btf.find_struct("sk_buff") {
        let first = btf.ty(skb).unwrap().members().unwrap().next().unwrap();
        assert_eq!(first.name, "", "sk_buff starts with an anonymous member");
        let prev = btf.member(skb, "prev").unwrap();
        assert_eq!(btf.type_name(prev.type_id).unwrap(), "struct sk_buff *");
        assert_eq!(prev.byte_offset(), 8);
    }
}

#[test]
fn vmlinux_names_and_sizes() {
    let Some(btf) = vmlinux() else { return };
    let list_head = btf.find_struct("list_head").unwrap();
    assert_eq!(btf.size_of(list_head).unwrap(), 16);
    let next = btf.member(list_head, "next").unwrap();
    assert_eq!(btf.type_name(next.type_id).unwrap(), "struct list_head *");
    assert_eq!(btf.size_of(btf.find_type("u64").unwrap()).unwrap(), 8);
    assert_eq!(btf.size_of(btf.find_type("pid_t").unwrap()).unwrap(), 4);
    assert_eq!(
        btf.size_of(btf.find_type("unsigned int").unwrap()).unwrap(),
        4
    );
    assert!(btf.find_union("no_such_union_in_the_kernel").is_none());
    let f = btf.find_func("schedule").expect("schedule() in BTF");
    assert_eq!(btf.type_name(f).unwrap(), "void (void)");
    // Every type in the kernel decodes, and every sized type agrees with its members.
    for id in btf.type_ids() {
        let ty = btf.ty(id).unwrap();
        if let TypeKind::Struct { size, members } = ty.kind {
            for m in members.filter(|m| m.bitfield_size == 0) {
                if let Ok(s) = btf.size_of(m.type_id) {
                    assert!(
                        u64::from(m.byte_offset()) + s <= u64::from(size),
                        "{id} {}",
                        m.name
                    );
                }
            }
        }
    }
}

/// Start-up cost: load + parse + one struct lookup + one member path, the work the `ppid`
/// built-in needs. Run with `cargo test --release -- --ignored --nocapture vmlinux_timing`.
#[test]
#[ignore]
fn vmlinux_timing() {
    use std::time::Instant;
    if vmlinux().is_none() {
        return;
    }
    let mut best = [f64::MAX; 4];
    let mut first = 0.0;
    for round in 0..20 {
        let t0 = Instant::now();
        let data = super::data::map_sysfs(Path::new("/sys/kernel/btf/vmlinux")).unwrap();
        let t1 = Instant::now();
        let btf = Btf::from_data(data, None).unwrap();
        let t2 = Instant::now();
        let task = btf.find_struct("task_struct").unwrap();
        let t3 = Instant::now();
        let hops = btf.member_path(task, &["real_parent", "tgid"]).unwrap();
        let t4 = Instant::now();
        assert_eq!(hops.len(), 2);
        let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1e3;
        if round == 0 {
            first = ms(t0, t4);
            eprintln!(
                "first run: map {:.2} ms, parse {:.2} ms, index+find_struct {:.2} ms",
                ms(t0, t1),
                ms(t1, t2),
                ms(t2, t3)
            );
        }
        for (i, v) in [ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, t4)]
            .into_iter()
            .enumerate()
        {
            best[i] = best[i].min(v);
        }
    }
    let btf = Btf::load_vmlinux().unwrap();
    eprintln!(
        "types {}, first run {:.2} ms; best of 20: map {:.2} ms, parse {:.2} ms, \
         index+find_struct {:.2} ms, member_path {:.3} ms",
        btf.next_id() - 1,
        first,
        best[0],
        best[1],
        best[2],
        best[3]
    );
    assert!(
        best.iter().sum::<f64>() < 50.0,
        "over the whole start-up budget"
    );
}
