"""Pure Arabic and English text helpers: folding, sentences, numbers, dates. No I/O."""
