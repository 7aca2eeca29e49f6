//! GS1 Digital Link URIs.
