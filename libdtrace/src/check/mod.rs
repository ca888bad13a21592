//! Check: resolve identifiers, type expressions, match probe descriptions, raise D_* errors.
