"""The domain of qcdesk: models of every form, the campaign profile, the rules and the project file.

Nothing here imports Qt or writes any format other than the project JSON.
"""
