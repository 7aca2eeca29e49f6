//! SOAP Decommission and Destroy requests and the receiver's responses.
