//! Several runs advanced side by side: one number per run ("lane") in each value, so each
//! instruction of the monthly step works on several runs at once (the Monte Carlo's four draws,
//! or two draws and their twins).
//!
//! Every operation is the scalar `f64` operation applied lane by lane, in the same order, so a
//! lane gives exactly, bit for bit, what the same run on its own gives. Branches of the scalar
//! engine become [`Lanes::select`]: both sides are worked out and each lane keeps its own.

use std::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Sub, SubAssign};

/// One `f64` per run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Lanes<const N: usize>(pub(crate) [f64; N]);

/// One answer per run to a question such as "is this lever pulled?": all bits set for yes, none
/// for no, so that choosing between two values is three bitwise instructions for every lane.
pub(crate) type Mask<const N: usize> = [u64; N];

/// A lane's answer as a [`Mask`] lane.
#[inline(always)]
pub(crate) const fn yes_if(answer: bool) -> u64 {
    if answer { u64::MAX } else { 0 }
}

impl<const N: usize> Lanes<N> {
    /// The same value in every lane.
    #[inline(always)]
    pub(crate) fn splat(value: f64) -> Self {
        Lanes([value; N])
    }

    /// Lane `i` is `f(i)`.
    #[inline(always)]
    pub(crate) fn from_fn(f: impl FnMut(usize) -> f64) -> Self {
        Lanes(std::array::from_fn(f))
    }

    /// `f` applied to each lane.
    #[inline(always)]
    pub(crate) fn map(self, f: impl Fn(f64) -> f64) -> Self {
        Lanes(self.0.map(f))
    }

    /// [`f64::max`] lane by lane.
    #[inline(always)]
    pub(crate) fn max(self, other: Self) -> Self {
        Lanes(std::array::from_fn(|i| self.0[i].max(other.0[i])))
    }

    /// [`f64::min`] lane by lane.
    #[inline(always)]
    pub(crate) fn min(self, other: Self) -> Self {
        Lanes(std::array::from_fn(|i| self.0[i].min(other.0[i])))
    }

    /// `self > other` lane by lane.
    #[inline(always)]
    pub(crate) fn gt(self, other: Self) -> Mask<N> {
        std::array::from_fn(|i| yes_if(self.0[i] > other.0[i]))
    }

    /// `if mask { if_true } else { if_false }` lane by lane.
    #[inline(always)]
    pub(crate) fn select(mask: Mask<N>, if_true: Self, if_false: Self) -> Self {
        Lanes(std::array::from_fn(|i| {
            f64::from_bits(
                (if_true.0[i].to_bits() & mask[i]) | (if_false.0[i].to_bits() & !mask[i]),
            )
        }))
    }

    /// `self + addend` in the lanes of `mask`, `self` in the others: a sum the scalar engine
    /// makes only when a condition holds.
    #[inline(always)]
    pub(crate) fn plus_where(self, mask: Mask<N>, addend: Self) -> Self {
        Lanes::select(mask, self + addend, self)
    }

    /// The sum of `values` lane by lane, added in order from the same start as
    /// `Iterator::sum` for `f64` (so a lane's total has the same bits as the scalar sum).
    #[inline(always)]
    pub(crate) fn sum<'v>(values: impl IntoIterator<Item = &'v Self>) -> Self {
        values
            .into_iter()
            .fold(Lanes::splat(SUM_START), |total, &value| total + value)
    }
}

/// Where `Iterator::sum` for `f64` starts: -0.0, so that a sum of nothing is -0.0 and a sum of
/// +0.0 alone stays +0.0 (checked by a test against the standard library).
const SUM_START: f64 = -0.0;

/// Lane-by-lane "and".
#[inline(always)]
pub(crate) fn and<const N: usize>(a: Mask<N>, b: Mask<N>) -> Mask<N> {
    std::array::from_fn(|i| a[i] & b[i])
}

/// True if any lane is set.
#[inline(always)]
pub(crate) fn any<const N: usize>(mask: Mask<N>) -> bool {
    mask.iter().fold(0, |any, &m| any | m) != 0
}

macro_rules! lane_op {
    ($op:ident, $method:ident, $assign:ident, $assign_method:ident) => {
        impl<const N: usize> $op for Lanes<N> {
            type Output = Self;
            #[inline(always)]
            fn $method(self, other: Self) -> Self {
                Lanes(std::array::from_fn(|i| $op::$method(self.0[i], other.0[i])))
            }
        }
        impl<const N: usize> $op<f64> for Lanes<N> {
            type Output = Self;
            #[inline(always)]
            fn $method(self, other: f64) -> Self {
                Lanes(std::array::from_fn(|i| $op::$method(self.0[i], other)))
            }
        }
        impl<const N: usize> $op<Lanes<N>> for f64 {
            type Output = Lanes<N>;
            #[inline(always)]
            fn $method(self, other: Lanes<N>) -> Lanes<N> {
                Lanes(std::array::from_fn(|i| $op::$method(self, other.0[i])))
            }
        }
        impl<const N: usize> $assign for Lanes<N> {
            #[inline(always)]
            fn $assign_method(&mut self, other: Self) {
                *self = $op::$method(*self, other);
            }
        }
    };
}

lane_op!(Add, add, AddAssign, add_assign);
lane_op!(Sub, sub, SubAssign, sub_assign);
lane_op!(Mul, mul, MulAssign, mul_assign);
lane_op!(Div, div, DivAssign, div_assign);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lane_sum_has_the_bits_of_the_standard_sum() {
        let cases: [&[f64]; 5] = [&[], &[0.0], &[-0.0], &[0.0, -0.0], &[0.1, 0.2, 0.3, -0.6]];
        for values in cases {
            let scalar: f64 = values.iter().sum();
            let lanes: Vec<Lanes<2>> = values.iter().map(|&v| Lanes::splat(v)).collect();
            let total = Lanes::sum(&lanes);
            assert_eq!(total.0[0].to_bits(), scalar.to_bits(), "{values:?}");
            assert_eq!(total.0[1].to_bits(), scalar.to_bits(), "{values:?}");
        }
    }

    #[test]
    fn each_lane_keeps_its_own_branch() {
        let a = Lanes([1.0, 2.0, 3.0]);
        let b = Lanes([10.0, 20.0, 30.0]);
        let mask = a.gt(Lanes::splat(1.5));
        assert_eq!(mask, [0, u64::MAX, u64::MAX]);
        assert_eq!(Lanes::select(mask, a, b), Lanes([10.0, 2.0, 3.0]));
        assert!(!any(and(mask, [u64::MAX, 0, 0])));
        assert_eq!((a + b * 2.0 - 1.0) / 2.0, Lanes([10.0, 20.5, 31.0]));
    }
}
