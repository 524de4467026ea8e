"""Tab "LSTM gates" (syllabus section 1): char-level LSTM, GRU and RNN on Python source,
their gates per character, the units that track strings, brackets and line length,
and the gradient that reaches step t from the loss at the last step."""
