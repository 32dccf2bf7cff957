"""Model service: trains a tabular regression network with fastai, versions it in S3 and serves it.

Packages, one concern each: ``model`` (serving-side ML, plain torch, no fastai), ``training`` (fastai, only
in the training process), ``storage`` (S3 and Secrets Manager), ``serving`` (active model, poller, training
jobs launcher), ``api`` (HTTP).
"""
