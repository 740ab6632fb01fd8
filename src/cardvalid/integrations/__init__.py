"""Adapters for form and model libraries; each is imported only when used.

- `cardvalid.integrations.pydantic`: pydantic v2 field types (`pip install cardvalid[pydantic]`).
- `cardvalid.integrations.django`: form fields, `CardDetailsForm` (`pip install cardvalid[django]`).
- `cardvalid.integrations.wtforms`: WTForms validators (`pip install cardvalid[wtforms]`).
"""
