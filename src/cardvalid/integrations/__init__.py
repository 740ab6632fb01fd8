"""Adapters for form and model libraries; each is imported only when used.

- `cardvalid.integrations.pydantic`: pydantic v2 field types and card forms
  (`pip install cardvalid[pydantic]`).
- `cardvalid.integrations.fastapi`: the request's locale and safe 422 answers for
  FastAPI apps (`pip install cardvalid[fastapi]`).
- `cardvalid.integrations.django`: form fields, `CardDetailsForm` (`pip install cardvalid[django]`).
- `cardvalid.integrations.wtforms`: WTForms validators (`pip install cardvalid[wtforms]`).
"""
