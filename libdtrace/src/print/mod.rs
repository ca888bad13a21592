//! Print: DTrace's output formats: trace(), printf(), aggregations.

pub mod agg;
pub mod printf;
pub mod trace;
