//! Records of the actions the consumer performs on whole aggregations: `printa` (no data),
//! `clear`/`trunc`/`normalize`/`denormalize` (the optional argument, an int64) and `setopt`
//! (its strings). The consumer acts when it reads the record, in order with the clause's
//! other output.

use std::sync::Arc;

use super::clause::Gen;
use crate::check::ir::TStmt;
use crate::error::CompileError;
use crate::record::{ActionDesc, RecDesc, ValueKind};

/// Whether the statement needs a record.
pub(super) fn records(s: &TStmt) -> bool {
    matches!(
        s,
        TStmt::Printa { .. } | TStmt::AggOp { .. } | TStmt::Setopt { .. }
    )
}

const I64: ValueKind = ValueKind::Int {
    size: 8,
    signed: true,
};

impl<'a> Gen<'a> {
    /// Record slots of one of these statements (none for the others).
    pub(super) fn aggop_slots(&mut self, s: &TStmt) -> Vec<RecDesc> {
        let str_kind = ValueKind::Str {
            size: self.t.strsize,
        };
        match s {
            TStmt::AggOp { arg: Some(_), .. } => vec![self.alloc_rec(I64)],
            TStmt::Setopt { value, .. } => {
                let mut v = vec![self.alloc_rec(str_kind)];
                if value.is_some() {
                    v.push(self.alloc_rec(str_kind));
                }
                v
            }
            _ => Vec::new(),
        }
    }

    pub(super) fn aggop(&mut self, s: &TStmt, recs: &[RecDesc]) -> Result<(), CompileError> {
        match s {
            TStmt::Printa { format, aggs } => self.actions.push(ActionDesc::Printa {
                format: format.as_ref().map(Arc::clone),
                aggs: aggs.clone(),
            }),
            TStmt::AggOp { op, agg, arg } => {
                if let Some(a) = arg {
                    self.expr(a)?;
                    self.normalize(
                        super::insn::R0,
                        crate::check::types::Type::Int {
                            size: 8,
                            signed: true,
                        },
                    );
                    self.store_rec(&recs[0]);
                }
                self.actions.push(ActionDesc::AggOp {
                    op: *op,
                    agg: *agg,
                    arg: recs.first().copied(),
                });
            }
            TStmt::Setopt { name, value } => {
                self.expr(name)?;
                self.store_rec(&recs[0]);
                if let Some(v) = value {
                    self.expr(v)?;
                    self.store_rec(&recs[1]);
                }
                self.actions.push(ActionDesc::Setopt {
                    name: recs[0],
                    value: recs.get(1).copied(),
                });
            }
            _ => {}
        }
        Ok(())
    }
}
