//! TDS 2.x "+" and "++" binary schemes.
