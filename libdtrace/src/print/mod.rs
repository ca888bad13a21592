//! Print: DTrace's output formats: trace(), printf(), aggregations.

pub mod agg;
pub mod aggdisp;
pub mod hist;
pub mod printf;
pub mod trace;
pub mod typed;
