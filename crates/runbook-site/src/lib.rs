//! Render parsed runbooks and lint results as a static HTML site.
