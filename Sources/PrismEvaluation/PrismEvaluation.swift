// PrismEvaluation: fast Double evaluation of series whose coefficients come,
// correctly rounded, from the certified layers (DESIGN "Evaluation").
