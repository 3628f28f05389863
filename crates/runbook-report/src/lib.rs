//! Collection-wide reports: ownership, truck factor, alert coverage, review health.
