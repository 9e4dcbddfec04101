def orcid_check_digit(base: str) -> str:
    """ISO 7064 11,2 check digit of the first 15 ORCID digits."""
    total = 0
    for ch in base:
        total = (total + int(ch)) * 2
    check = (12 - total % 11) % 11
    return "X" if check == 10 else str(check)


def orcid_for(n: int) -> str:
    """A valid, made-up ORCID iD in the 0000-0009 block (not a real researcher's)."""
    base = f"0000000952{n:05d}"
    digits = base + orcid_check_digit(base)
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))
