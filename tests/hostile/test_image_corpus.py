"""Every hostile image sent inline gets its documented answer, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.api.conftest import Api, assert_error
from tests.hostile.conftest import data_url
from tests.hostile.images import IMAGE_CASES, ImageCase


@pytest.mark.parametrize("case", IMAGE_CASES, ids=[case.name for case in IMAGE_CASES])
def test_each_image_gets_its_answer(hostile_api: Api, case: ImageCase) -> None:
    image = data_url(case.make(), case.declared)
    response = hostile_api.submit({"model": "test/image-cube", "image": image})
    if case.answer is None:
        assert response.status_code == 200, response.text
        task = hostile_api.get(response.json()["task_id"]).json()["data"]
        assert task["status"] == "QUEUED"
    else:
        answer = case.answer
        assert_error(response, answer.status, answer.code, answer.phrase)
    assert hostile_api.client.get("/healthz").status_code == 200
