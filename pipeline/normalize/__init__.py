"""Pure normalisers: turn written mentions into integers, ISO dates and canonical names."""
