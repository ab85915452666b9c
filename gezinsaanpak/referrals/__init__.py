"""The fund catalogue (data) and referrals of families to funds and organisations."""
