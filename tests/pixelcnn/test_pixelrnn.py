"""PixelRNN's dependency shapes (playground/pixelcnn/pixelrnn.py), from the gradients of
the real (random-weight) layers: the Row LSTM sees a triangle above the pixel, the
Diagonal BiLSTM every earlier pixel; neither ever sees the pixel itself or a later one."""

import numpy as np
import pytest
import torch

from playground.pixelcnn import pixelrnn as P

LAYERS = P.random_layers()
DIGIT = np.random.default_rng(0).random((28, 28)).round()
POSITIONS = [(0, 0), (0, 1), (0, 27), (1, 0), (5, 0), (3, 27), (10, 12), (14, 14), (20, 3),
             (27, 0), (27, 27)]


@pytest.mark.parametrize("row,col", POSITIONS)
def test_row_lstm_sees_the_triangle_above(row, col):
    seen = P.dependency(LAYERS["row_lstm"], DIGIT, row, col) > 0
    assert torch.equal(seen, P.row_lstm_shape(row, col))
    assert not torch.any(seen & ~P.earlier_pixels(row, col)), "the pixel itself or a later one"


@pytest.mark.parametrize("row,col", POSITIONS)
def test_diagonal_bilstm_sees_every_earlier_pixel(row, col):
    seen = P.dependency(LAYERS["diagonal_bilstm"], DIGIT, row, col) > 0
    assert torch.equal(seen, P.earlier_pixels(row, col))


def test_the_triangle_misses_earlier_pixels_the_bilstm_sees():
    row, col = 14, 14
    triangle = P.row_lstm_shape(row, col)
    earlier = P.earlier_pixels(row, col)
    assert triangle.sum() < earlier.sum()
    assert not triangle[13, 0] and earlier[13, 0]      # beside the triangle, one row up
    assert triangle[row - 1].sum() == 5 and triangle[row - 5].sum() == 13


def test_skew_and_unskew_are_inverse():
    a = torch.arange(2 * 3 * 5 * 7, dtype=torch.float64).reshape(2, 3, 5, 7)
    s = P.skew(a)
    assert s.shape == (2, 3, 5, 11)
    assert s[0, 0, 4, 4] == a[0, 0, 4, 0]   # row r starts r places right
    assert torch.equal(P.unskew(s, 7), a)


def test_the_field_view_counts_and_draws_them():
    from playground.pixelcnn import views
    digit = views.heldout_digit(213)[0]
    f = views.rnn_fields(digit, 14, 14)
    row_lstm, diagonal = f["row_lstm"], f["diagonal_bilstm"]
    assert row_lstm["earlier"] == diagonal["earlier"] == 14 * 28 + 14
    assert row_lstm["seen"] == int(P.row_lstm_shape(14, 14).sum()) and row_lstm["missed"] > 100
    assert diagonal["seen"] == 14 * 28 + 14 and diagonal["missed"] == 0
    assert row_lstm["future_seen"] == diagonal["future_seen"] == 0
    assert row_lstm["picture"].shape == diagonal["picture"].shape == (280, 280, 3)
    assert not np.array_equal(row_lstm["picture"], diagonal["picture"])
