"""Serving-side model code: JSON preprocessing state, plain torch network, row encoding.

Never imports fastai.
"""
