"""한국어 실행 시 문구: 키와 {자리 표시자}는 en.py와 같습니다."""

# 문체: 설명은 합니다체, 안내는 "-세요". 수식, 코드, 숫자는 영어판 그대로 둡니다.
# 자리 표시자 바로 뒤에는 받침에 따라 모양이 바뀌는 조사(이/가, 은/는, 을/를, 와/과,
# (으)로)를 붙이지 않습니다: 숫자가 바뀌면 틀리기 때문입니다("입니다", "의", "에서"는 괜찮습니다).

MESSAGES = {
    # ---- exercises/core.py ------------------------------------------------------------
    "verdict.no_answer": "아직 답이 없습니다: None을 답으로 바꾸고 셀을 실행하세요.",
    "verdict.correct": "정답입니다: {text}",
    "verdict.not_quite": "다시 생각해 보세요: {text}",
    # ---- tables.py ----------------------------------------------------------------------
    "table.layer": "층",
    "table.mean": "평균",
    "table.std": "표준편차",
    "table.saturated": "포화 비율",
    "table.zero": "0 비율",
    "table.unit_std": "유닛별 표준편차",
    "table.grad_std": "기울기 표준편차",
    "table.overflow": "오버플로",
    # ---- seeds.py -----------------------------------------------------------------------
    "seeds.spread": "{median} [{low}~{high}]",
    "seeds.head": "시드 {n}개의 중앙값 [최솟값~최댓값]; 정확도는 마지막 50스텝의 평균",
    "seeds.row": (
        "최종 손실 {loss}   테스트 정확도 {accuracy}   "
        "스텝 1의 |dL/dW|: 층 1 {first}, 층 {depth} {last}"
    ),
    "reader.one_of": "다음 중 하나를 고르세요: {words}.",
    # ---- checks.py ----------------------------------------------------------------------
    "checks.named": "{label}({name})",
    "checks.choice": "{name} 값은 다음 중 하나여야 합니다: {choices}. 입력값: {value!r}",
    "checks.whole_number": "{name} 값은 정수여야 합니다. 입력값: {value!r}",
    "checks.not_a_number": "{name} 값은 수여야 합니다. 입력값: {value!r}",
    "checks.at_least": "{name} 값은 {low} 이상이어야 합니다. 입력값: {value}",
    "checks.between": "{name} 값은 {low}에서 {high} 사이여야 합니다. 입력값: {value}",
    "checks.number": "{name} 값은 {bound} 수여야 합니다. 입력값: {value!r}",
    "checks.finite": "{name} 값은 {bound} 유한한 수여야 합니다. 입력값: {value}",
    "checks.bound.positive": "0보다 큰",
    "checks.bound.nonnegative": "0 이상인",
    "checks.true_false": "{name} 값은 True나 False여야 합니다. 입력값: {value!r}",
    "checks.unexpected": "예상하지 못한 오류 {kind}: {message}",
    # ---- exercises/nb01.py --------------------------------------------------------------
    # check_adam_keeps_symmetry
    "nb01.adam_keeps_symmetry.unreadable": '문자열 "yes" 또는 "no"로 답하세요.',
    "nb01.adam_keeps_symmetry.right": (
        "{truth}: Adam으로 학습한 뒤 은닉층 1의 행 간 편차(row spread)는 {spread:.1e}입니다. "
        "Adam은 가중치마다 그 가중치의 기울기 이력에 맞춰 스텝 크기를 조정하지만, 기울기가 "
        "같으면 이력도 같으므로 스텝도 계속 같습니다."
    ),
    "nb01.adam_keeps_symmetry.reconsider": (
        "optimizer='adam'으로 학습하고 il.row_spread(il.hidden_linears(result.model)[0]"
        ".weight)를 측정해 보세요. 0이면 유닛들이 아직 서로의 복사본이라는 뜻입니다. "
        "기울기가 같을 때 Adam은 무엇을 합니까?"
    ),
    # check_what_moves_zeros_tanh
    "nb01.what_moves_zeros_tanh.unreadable": (
        "파라미터 이름의 리스트를 주세요. 예: ['0.weight', '2.bias']."
    ),
    "nb01.what_moves_zeros_tanh.nothing": "없음",
    "nb01.what_moves_zeros_tanh.right": (
        "{shown}만 움직입니다. tanh(0) = 0이므로 모든 은닉층 출력이 0입니다. 출력층 가중치가 "
        "받는 기울기 (p - y) * h는 0이고, 그 가중치를 거쳐 되돌아가는 오차도 0이어서 출력층의 "
        "편향만 학습됩니다. 신경망은 클래스 빈도를 배울 수 있을 뿐, 그 이상은 배우지 못합니다."
    ),
    "nb01.what_moves_zeros_tanh.reconsider": (
        "train_mlp(activation='tanh', scheme='zeros', depth=2, width=32, lr=0.5)로 학습한 뒤 "
        "result.model.named_parameters()의 파라미터 p 가운데 (p != 0).any()인 것의 이름을 "
        "나열해 보세요. 은닉층 출력 tanh(0) = 0을 거치지 않는 기울기는 어느 것입니까?"
    ),
    # check_zeros_wake_up_step
    "nb01.zeros_wake_up_step.unreadable": "스텝 번호를 2와 같은 정수로 주세요.",
    "nb01.zeros_wake_up_step.hint": (
        "세어 보세요. 스텝 1에서는 출력층 가중치가 0이므로 어떤 은닉층도 기울기를 받지 "
        "못합니다. 스텝 2에서는 출력층 가중치가 더 이상 0이 아닙니다. 스텝 2에서 움직일 수 "
        "있는 층은 어느 층이고, 스텝 3에서는 어느 층입니까?"
    ),
    "nb01.zeros_wake_up_step.two_layers": (
        "3은 은닉층이 2개일 때의 스텝입니다(4절). 이 신경망의 은닉층은 4개입니다. {hint}"
    ),
    "nb01.zeros_wake_up_step.right": (
        "스텝 {truth}: 스텝 1에서는 출력층만 학습합니다. 스텝마다 층이 하나씩 위에서부터 "
        "차례로 깨어납니다(스텝 2에 은닉층 4, 스텝 3에 은닉층 3, ...)."
    ),
    # ---- exercises/nb02.py --------------------------------------------------------------
    # check_saturation_width400
    "nb02.saturation_width400.unreadable": "0.5와 같은 비율로 숫자 하나를 주세요.",
    "nb02.saturation_width400.percentage": "백분율이 아니라 0과 1 사이의 비율(예: 0.5)로 주세요.",
    "nb02.saturation_width400.width100": (
        "그 값은 1절에 출력된, 너비 100일 때 층 1의 값입니다. 너비 400에서는 z 하나가 400개의 "
        "항을 더합니다. std(z)는 어떻게 변하고, 그에 따라 P(|z| > ln 99)는 어떻게 변합니까?"
    ),
    "nb02.saturation_width400.hint": (
        "층 1의 z는 입력이 n = 400개일 때 N(0, n * std^2)를 따르고, |z| > ln 99인 유닛은 "
        "포화된 것입니다. P(|z| > ln 99)를 계산하거나 il.run_experiment(width="
        "{width}).stats()[0]['frac_saturated']로 측정해 보세요."
    ),
    "nb02.saturation_width400.right": (
        "너비 {width}에서 층 1 활성화 값의 {truth:.0%}가 포화되어 있습니다. "
        "std(z) = sqrt({width}) = {root:.0f}이므로 너비 100일 때보다 더 많은 z가 "
        "ln 99(약 4.6) 너머에 놓입니다."
    ),
    # check_gradient_ratio_std2
    "nb02.gradient_ratio_std2.unreadable": "0보다 큰 숫자 하나를 주세요. 두 퍼짐의 비입니다.",
    "nb02.gradient_ratio_std2.at_std1": (
        "그 값은 3절에 출력된, 가중치 표준편차 1일 때의 비입니다. 여기서는 가중치가 두 배 큽니다. "
        "il.run_experiment(std=2.0)을 실행해 보세요."
    ),
    "nb02.gradient_ratio_std2.fixed_slope": (
        "그 값은 rms(sigmoid')가 변하지 않는다고 보았을 때의 결과입니다. 가중치 표준편차가 2이면 "
        "더 많은 z가 평평한 꼬리에 놓여 rms(sigmoid')가 작아집니다. trace.gains()로 "
        "측정해 보세요."
    ),
    "nb02.gradient_ratio_std2.hint": (
        "il.run_experiment(std=2.0)을 실행하고 stats[0]['grad_std']를 "
        "stats[-1]['grad_std']로 나누세요(층 1 나누기 층 5)."
    ),
    "nb02.gradient_ratio_std2.right": (
        "비는 {truth:.2f}, 층마다 약 {gain:.2f}배입니다. 가중치가 곱하는 배율 sqrt(n) * std는 "
        "10에서 20으로 두 배가 되지만 rms(sigmoid')는 {rms_1:.3f}에서 {rms:.3f}까지만 "
        "줄어듭니다. 가중치가 이깁니다."
    ),
    "nb02.gradient_ratio_std2.right_grows": (
        "비는 {truth:.2f}, 층마다 약 {gain:.2f}배입니다. 가중치가 곱하는 배율 sqrt(n) * std는 "
        "10에서 20으로 두 배가 되지만 rms(sigmoid')는 {rms_1:.3f}에서 {rms:.3f}까지만 "
        "줄어듭니다. 가중치가 이기므로 기울기는 되돌아가는 동안 커집니다."
    ),
    # check_more_saturated_with_larger_std
    "nb02.more_saturated_with_larger_std.unreadable": '문자열 "more" 또는 "less"로 답하세요.',
    "nb02.more_saturated_with_larger_std.right": (
        "{truth}: 가중치 표준편차 3에서는 {s3:.0%}, 1에서는 {s1:.0%}입니다. z가 클수록 "
        "시그모이드는 평평한 꼬리 쪽으로 더 밀려납니다."
    ),
    "nb02.more_saturated_with_larger_std.reconsider": (
        "z = W x가 커지면 sigmoid(z)가 어디에 놓이는지 생각해 보세요."
    ),
    # ---- exercises/nb03.py --------------------------------------------------------------
    # check_backward_gain_width400
    "nb03.backward_gain_width400.unreadable": "0.5와 같은 배율로, 0보다 큰 숫자 하나를 주세요.",
    "nb03.backward_gain_width400.width100": (
        "그 값은 4절에 출력된, 너비 100일 때의 이득입니다. sqrt(n) * std * rms(sigmoid')에서 "
        "곱해지는 세 값 가운데 너비에 따라 변하는 것은 무엇입니까?"
    ),
    "nb03.backward_gain_width400.inverse": (
        "이득은 한 층씩 거슬러 갈 때마다 기울기의 퍼짐에 곱해지는 배율입니다(줄어들면 1보다 "
        "작습니다). 몇 분의 1로 줄어드는지가 아닙니다."
    ),
    "nb03.backward_gain_width400.no_slope": (
        "시그모이드의 미분값도 곱하세요. 여기서 rms(sigmoid')는 1이 아니라 약 1/4입니다."
    ),
    "nb03.backward_gain_width400.hint": (
        "n = {width}일 때 g = sqrt(n) * std * rms(sigmoid')를 쓰거나 "
        "il.run_experiment(std=0.01, width={width}).gains()로 측정해 보세요. 이득은 "
        "백분율이 아니라 0.5와 같은 배율입니다."
    ),
    "nb03.backward_gain_width400.right": (
        "측정된 이득은 층마다 {truth:.4f}입니다. sqrt({width}) * 0.01 * 0.25 = "
        "{predicted:.3f}의 예측대로, 너비가 네 배이면 이득은 두 배입니다. 기울기는 "
        "되돌아가는 동안 n개의 항을 더하기 때문입니다."
    ),
    # check_distinct_values_exp2
    "nb03.distinct_values_exp2.unreadable": "값의 개수로 숫자 하나를 주세요.",
    "nb03.distinct_values_exp2.right": (
        "서로 다른 입력 1000개에 대해 약 {truth:.1f}가지 값입니다(층 1: {first:.0f}가지). "
        "층 5의 유닛이 입력에 대해 알던 것은 float32의 반올림으로 사라졌습니다."
    ),
    "nb03.distinct_values_exp2.reconsider": (
        "실험 2의 trace(il.run_experiment(std=0.01))에 distinct_values(trace.activations[4])"
        "를 실행해 보세요. 인덱스 4가 층 5입니다."
    ),
    # check_std_for_unit_gain
    "nb03.std_for_unit_gain.unreadable": "가중치의 표준편차를 0보다 큰 숫자로 주세요. 예: 0.3.",
    "nb03.std_for_unit_gain.right": (
        "가중치 표준편차 {std:g}에서 기울기는 층마다 {gain:.2f}배로 변합니다. 여기서 "
        "rms(sigmoid')는 0.25가 아니라 {rms:.3f}입니다. 가중치가 크면 z가 시그모이드의 가파른 "
        "가운데를 벗어나므로(층 5의 {saturated:.0%}가 포화) 가중치 표준편차는 "
        "1 / (sqrt(n) * 0.25)가 말하는 값보다 커야 합니다."
    ),
    "nb03.std_for_unit_gain.raise": (
        "가중치 표준편차 {std:g}에서 측정된 이득은 층마다 {gain:.2f}입니다(목표는 0.8에서 1.25). "
        "가중치 표준편차를 키우세요."
    ),
    "nb03.std_for_unit_gain.lower": (
        "가중치 표준편차 {std:g}에서 측정된 이득은 층마다 {gain:.2f}입니다(목표는 0.8에서 1.25). "
        "가중치 표준편차를 줄이세요."
    ),
    # ---- exercises/nb04.py --------------------------------------------------------------
    # check_xavier_std
    "nb04.xavier_std.unreadable": "0보다 큰 숫자 하나, 표준편차를 주세요.",
    "nb04.xavier_std.variance": "그 값은 분산입니다. 표준편차는 그 제곱근입니다.",
    "nb04.xavier_std.fan_in": (
        "그 값은 1 / sqrt(n_in), 순전파 규칙만 따른 값입니다. Xavier는 출력 수도 셉니다."
    ),
    "nb04.xavier_std.fan_out": (
        "그 값은 1 / sqrt(n_out), 역전파 규칙만 따른 값입니다. Xavier는 입력 수와 출력 수를 "
        "모두 셉니다."
    ),
    "nb04.xavier_std.hint": (
        "1절의 Xavier 분산을 n_in과 n_out으로 쓰거나, il.init_weights(..., 'xavier_normal')"
        "가 뽑는 가중치의 표준편차를 측정해 보세요."
    ),
    "nb04.xavier_std.right": (
        "측정된 가중치의 표준편차는 {truth:.4f}이고, sqrt(2 / ({n_in} + {n_out})) = "
        "{predicted:.4f}입니다. 입력 수와 출력 수가 모두 반영됩니다."
    ),
    # check_xavier_sigmoid_thousandfold
    "nb04.xavier_sigmoid_thousandfold.unreadable": (
        "층 수를 정수로 주세요(층 20에서 거슬러 간 층의 수)."
    ),
    "nb04.xavier_sigmoid_thousandfold.layer_number": (
        "그 값은 층 번호입니다. 대신 층 20에서 몇 층을 거슬러 갔는지 세어 보세요."
    ),
    "nb04.xavier_sigmoid_thousandfold.hint": (
        "k개 층을 거슬러 가면 기울기의 퍼짐은 층 20의 약 g^k배입니다. g는 3절에서 측정한 "
        "이득입니다. g^k < 1/1000이 되는 첫 k를 찾은 뒤 "
        "il.run_experiment(scheme='xavier_normal', depth={depth}).stats()로 확인해 보세요."
    ),
    "nb04.xavier_sigmoid_thousandfold.right": (
        "{truth}개 층을 거슬러 가면(층 {layer}) 기울기의 퍼짐이 층 20의 천분의 일보다 "
        "작아집니다. 층마다 이득이 {gain:.3f}이면 {gain:.3f}^{truth} = {below:.1e}이지만 "
        "{gain:.3f}^{fewer} = {above:.1e}입니다."
    ),
    # check_tanh_unit_variance_gain
    "nb04.tanh_unit_variance_gain.unreadable": "숫자 하나, 게인 g를 주세요.",
    "nb04.tanh_unit_variance_gain.pytorch": (
        "5/3 = {pytorch:.3f}: PyTorch가 고른, 더 깔끔하고 조금 더 큰 값입니다. "
        "z = torch.randn(1_000_000)으로 1 / sqrt(E[tanh(z)^2])를 계산해 보세요."
    ),
    "nb04.tanh_unit_variance_gain.right": (
        "g = 1 / sqrt(E[tanh(z)^2]) = {truth:.3f}입니다. PyTorch의 5/3 = {pytorch:.3f}보다 "
        "조금 작습니다."
    ),
    "nb04.tanh_unit_variance_gain.reconsider": (
        "z = torch.randn(1_000_000)에 대해 E[tanh(z)^2]를 계산한 뒤 1을 그 제곱근으로 나누세요."
    ),
    # ---- exercises/nb05.py --------------------------------------------------------------
    # check_relu_second_moment_ratio
    "nb05.relu_second_moment_ratio.right": (
        "측정된 비는 {truth:.3f}입니다. ReLU는 양수 쪽 절반의 z^2는 그대로 두고 나머지 절반은 "
        "0으로 만들므로 E[relu(z)^2] = Var(z) / 2입니다."
    ),
    "nb05.relu_second_moment_ratio.reconsider": (
        "trace.activations[0].pow(2).mean()을 trace.pre_activations[0].var()로 나누세요. "
        "대칭인 z의 어느 절반이 ReLU를 통과하는지 생각해 보세요."
    ),
    # check_he_over_xavier_depth30
    "nb05.he_over_xavier_depth30.second_moments": (
        "그 값은 2차 모멘트 E[h^2]의 비입니다. rms는 그 제곱근입니다."
    ),
    "nb05.he_over_xavier_depth30.one_layer_short": (
        "층을 다시 세어 보세요. 층 1의 가중치도 1/sqrt(2)배입니다."
    ),
    "nb05.he_over_xavier_depth30.hint": (
        "층마다 가중치가 sqrt(2)배 차이 나고, relu(c z) = c relu(z)입니다."
    ),
    "nb05.he_over_xavier_depth30.right": (
        "측정된 비는 {truth:.0f} = sqrt(2)^30 = 2^15입니다. 층마다 sqrt(2)배씩 곱해집니다."
    ),
    # check_leaky_relu_gain
    "nb05.leaky_relu_gain.right": (
        "sqrt(2 / (1 + 0.2^2)) = {truth:.4f}입니다. calculate_gain('leaky_relu', 0.2)가 "
        "돌려주는 값과 같습니다."
    ),
    "nb05.leaky_relu_gain.reconsider": (
        "음수 쪽 미분값이 a일 때 E[phi(z)^2] = (1 + a^2) / 2 * Var(z)입니다. 게인은 1을 그 "
        "배율의 제곱근으로 나눈 값입니다."
    ),
    # ---- exercises/nb06.py --------------------------------------------------------------
    # check_tanh_steady_std
    "nb06.tanh_steady_std.unreadable": "가중치 표준편차를 0과 10 사이의 숫자로 주세요. 예: 0.1.",
    "nb06.tanh_steady_std.measured": (
        "가중치 표준편차 {std:g}에서 층 10의 퍼짐은 층 1의 {ratio:.2f}배이고, 활성화 값의 "
        "{saturated:.0%}가 포화되어 있습니다"
    ),
    "nb06.tanh_steady_std.right": "{measured}. 포화 때문이 아닌, 안정된 퍼짐입니다.",
    "nb06.tanh_steady_std.not_steady": (
        "{measured}. 퍼짐이 유지되지 않습니다. sqrt(n) * std가 1보다 조금 크도록 해 보세요."
    ),
    "nb06.tanh_steady_std.pinned": (
        "{measured}. 유닛들이 -1과 1에 붙어 있어서 퍼짐이 유지될 뿐입니다. 더 작게 해 보세요."
    ),
    # check_selu_scheme
    "nb06.selu_scheme.right": (
        "{scheme}에서 층 20의 평균은 {mean:.2f}, 표준편차는 {std:.2f}입니다. SELU의 자기 "
        "정규화 고정점(Klambauer et al. 2017)에는 Var(W) = 1/n이 필요합니다."
    ),
    "nb06.selu_scheme.reconsider": (
        "{scheme}에서 층 20의 평균은 {mean:.2g}, 표준편차는 {std:.2g}입니다."
    ),
    # check_linear_vanishing_depth
    "nb06.linear_vanishing_depth.unreadable": "층 번호를 5와 같은 정수로 주세요.",
    "nb06.linear_vanishing_depth.right": (
        "층 {truth}: 층마다 퍼짐에 sqrt(100) * 0.05 = 0.5가 곱해지고, 0.5^10은 약 1e-3입니다."
    ),
    "nb06.linear_vanishing_depth.reconsider": (
        "층마다 퍼짐에 sqrt(n) * std가 곱해집니다. 이 배율을 몇 번 곱해야 1e-3에 이릅니까?"
    ),
    # ---- exercises/nb07.py --------------------------------------------------------------
    # check_deep_relu_winner
    "nb07.deep_relu_winner.unreadable": "'xavier_normal' 또는 'he_normal'로 답하세요.",
    "nb07.deep_relu_winner.right": (
        "{truth}: 최종 손실은 {loss:.2f}입니다(다른 초기화: {others}). Xavier는 ReLU 층마다 "
        "신호의 2차 모멘트를 절반으로 줄입니다."
    ),
    "nb07.deep_relu_winner.reconsider": "ReLU가 유닛의 절반에 무엇을 하는지 생각해 보세요.",
    # check_sigmoid_sgd_best
    "nb07.sigmoid_sgd_best.right": (
        "{truth}(최종 손실 {loss:.2f}): 층마다의 역전파 이득이 1에 가깝고, 다른 초기화들은 "
        "훨씬 작습니다."
    ),
    "nb07.sigmoid_sgd_best.reconsider": (
        "{answer}의 최종 손실은 {loss:.2f}입니다(우연 수준은 2.30). 다른 초기화가 더 잘 "
        "학습했습니다. 노트북 02에서 04까지 본 것 가운데, 시그모이드에서 유닛별 퍼짐과 역전파 "
        "이득을 모두 1 가까이 유지하는 초기화는 무엇입니까?"
    ),
    # ---- exercises/nb08.py --------------------------------------------------------------
    # check_sigmoid_backward_sigma_w2
    "nb08.sigmoid_backward_sigma_w2.forward": (
        "sigma_w2 = {forward:.2f}에서는 순전파 이득(실선)이 1입니다. 문제가 묻는 것은 역전파 "
        "이득(점선)입니다."
    ),
    "nb08.sigmoid_backward_sigma_w2.std": (
        "그 값은 표준편차입니다. sigma_w2 = n Var(W)는 그 제곱입니다."
    ),
    "nb08.sigmoid_backward_sigma_w2.hint": (
        "시그모이드 패널에서 점선(역전파, q = 1)이 1과 만나는 곳을 찾거나, "
        "il.backward_gain('sigmoid', s, 1.0) = 1을 s에 대해 푸세요."
    ),
    "nb08.sigmoid_backward_sigma_w2.right": (
        "sigma_w2 = {truth:.1f}: 여기서 sqrt(sigma_w2 E[sigmoid'(z)^2]) = 1입니다. 순전파가 "
        "원하는 값은 {forward:.2f}이므로 어느 쪽을 고르든 다른 방향은 어긋납니다."
    ),
    # check_tanh_he_layer10_std
    "nb08.tanh_he_layer10_std.pre_activation_std": (
        "그 값은 sqrt(q_10), 곧 활성화 전 값 z의 퍼짐입니다. 활성화 값은 tanh(z)이고, 그 "
        "퍼짐은 il.predicted_activation_std가 알려 줍니다."
    ),
    "nb08.tanh_he_layer10_std.q10": (
        "그 값은 q_10, 곧 활성화 전 값의 2차 모멘트입니다. 문제가 묻는 것은 활성화 값 "
        "tanh(z)의 표준편차입니다."
    ),
    "nb08.tanh_he_layer10_std.xavier": (
        "그 값은 Xavier의 sigma_w2 = 1일 때의 결과입니다. he_normal은 활성화 함수와 상관없이 "
        "ReLU의 게인 sqrt(2)를 쓰므로 sigma_w2 = 2입니다."
    ),
    "nb08.tanh_he_layer10_std.digits": "거의 맞습니다. 0.12처럼 유효숫자 두 자리로 주세요.",
    "nb08.tanh_he_layer10_std.hint": (
        "he_normal의 sigma_w2는 2입니다(il.scheme_sigma_w2가 알려 줍니다). 분산 사상을 10개 층에 "
        "걸쳐 반복하고 q_10을 활성화 값의 표준편차로 바꾸세요: "
        "il.predicted_activation_std(activation, sigma_w2, sigma_b2, depth)."
    ),
    "nb08.tanh_he_layer10_std.right": (
        "{truth:.3f}: q_10 = {q10:.3f}이고, z ~ N(0, q_10)일 때 tanh(z)의 표준편차가 이 "
        "값입니다. 1절의 위젯(tanh, he_normal, 깊이 10)도 같은 검은 선을 그립니다."
    ),
    # ---- exercises/nb09.py --------------------------------------------------------------
    # check_tanh_edge_of_chaos
    "nb09.tanh_edge_of_chaos.ordered": "1보다 작습니다. 질서 상이니 오른쪽으로 옮기세요",
    "nb09.tanh_edge_of_chaos.chaotic": "1보다 큽니다. 혼돈 상이니 왼쪽으로 옮기세요",
    "nb09.tanh_edge_of_chaos.measured": "sigma_w2 = {x:g}에서 chi1 = {chi1:.4f}입니다. {side}.",
    "nb09.tanh_edge_of_chaos.measured_digits": (
        "sigma_w2 = {x:g}에서 chi1 = {chi1:.4f}입니다. {side}(유효숫자 세 자리로 주세요)."
    ),
    "nb09.tanh_edge_of_chaos.hint": (
        "상 다이어그램 위젯에서 sigma_b2를 0.05로 두고, chi1이 1이 될 때까지 sigma_w2를 옮기세요."
    ),
    "nb09.tanh_edge_of_chaos.right": (
        "sigma_w2 = {truth:.3f}: 여기서 chi1 = 1이고 깊이 척도는 무한대이며, 기울기는 모든 "
        "층을 지나는 동안 크기를 유지합니다."
    ),
    # check_trainable_depth_point_c
    "nb09.trainable_depth_point_c.gradients_scale": (
        "6 / |ln chi1| = {six_xi:.1f}: 기울기의 깊이 척도를 쓴 값입니다. 이 한계는 상관관계의 "
        "깊이 척도 xi_c(il.correlation_depth_scale)를 씁니다."
    ),
    "nb09.trainable_depth_point_c.one_scale": (
        "그 값은 깊이 척도 하나입니다. 이 한계는 깊이 척도 약 6개만큼을 허용합니다."
    ),
    "nb09.trainable_depth_point_c.hint": (
        "sigma_w2 = 3, sigma_b2 = 0.05에서 xi_c를 계산하고 6을 곱하세요."
    ),
    "nb09.trainable_depth_point_c.right": (
        "6 xi_c = {truth:.1f}개 층이며, xi_c = {xi_c:.2f}입니다. 기울기의 깊이 척도로 세면 "
        "{six_xi:.1f}개 층입니다. 혼돈 상에서는 둘이 다릅니다."
    ),
    # check_pytorch_default_sigma_w2
    "nb09.pytorch_default_sigma_w2.variance": (
        "그 값은 Var(W) 자체입니다. sigma_w2 = n Var(W)는 여기에 n_in = 1000을 곱한 값입니다."
    ),
    "nb09.pytorch_default_sigma_w2.std": (
        "그 값은 sqrt(n) std(W)입니다. sigma_w2 = n Var(W)는 그 제곱입니다."
    ),
    "nb09.pytorch_default_sigma_w2.hint": (
        "torch.nn.Linear(1000, 1000)을 만들고 1000 * layer.weight.var()를 계산하세요. 답은 "
        "n Var(W)라는 숫자입니다."
    ),
    "nb09.pytorch_default_sigma_w2.right": (
        "n Var(W) = {truth:.3f}, 곧 1/3입니다. U(-1/sqrt(n), 1/sqrt(n))의 분산은 1/(3n)입니다. "
        "이 초기화로는 깊은 tanh나 ReLU 신경망의 신호가 층마다 줄어듭니다."
    ),
    # ---- exercises/nb10.py --------------------------------------------------------------
    "nb10.first_step_ratio.unreadable": "-2.5처럼 수 하나로, 비율의 log10 값을 입력하세요.",
    "nb10.first_step_ratio.rule_of_thumb": (
        "-3은 경험칙이지 이 층에서 잰 값이 아닙니다. 기울기로 계산하세요: "
        "log10(lr * std(grad) / std(스텝 전의 W))를 소수점 셋째 자리까지 구합니다."
    ),
    "nb10.first_step_ratio.natural_log": "자연로그로 보입니다. 비율은 log10 스케일로 잽니다.",
    "nb10.first_step_ratio.learning_rate": (
        "기울기에 학습률({lr:g})을 곱하세요. SGD의 스텝은 lr * dL/dW입니다."
    ),
    "nb10.first_step_ratio.no_log": "그것은 비율 자체입니다. log10을 취하세요.",
    "nb10.first_step_ratio.digits": "거의 맞았습니다. -2.513처럼 소수점 셋째 자리까지 답하세요.",
    "nb10.first_step_ratio.hint": (
        "trainer.step(1) 전에 층 1의 가중치를 복사해 두세요. 스텝이 끝나면 그 스텝이 쓴 "
        "기울기가 .weight.grad에 있습니다. 그다음 log10(lr * std(grad) / std(스텝 전의 W))를 "
        "소수점 셋째 자리까지 계산하세요."
    ),
    "nb10.first_step_ratio.right": (
        "{truth:.3f}: 한 스텝이 층 1의 가중치를 그 크기의 10^({truth:.3f})만큼 움직입니다. "
        "경험칙의 {rule:g}은 실무에서 나온 어림값이고, 이 값은 잰 값입니다."
    ),
    "nb10.lowest_ratio_layer.unreadable": "1에서 5까지의 층 번호로 답하세요.",
    "nb10.lowest_ratio_layer.right": (
        "층 {truth}: 비율이 10^{ratio:.1f}이고 마지막 층은 10^{last:.1f}입니다. 기울기는 "
        "아래로 내려가면서 층마다 크기의 대부분을 잃습니다."
    ),
    "nb10.lowest_ratio_layer.reconsider": (
        "층 {layer}의 비율은 10^{ratio:.1f}입니다. 층마다 크기의 대부분을 잃는 기울기는 "
        "어디에 가장 작게 도착할까요?"
    ),
    "nb10.adam_first_ratio.unreadable": "-2.5처럼 수 하나로, 비율의 log10 값을 입력하세요.",
    "nb10.adam_first_ratio.sgd": (
        "그것은 기본 SGD의 비율입니다. Adam은 기울기를 그 자신의 크기로 나눕니다. 첫 "
        "스텝에서 g / (|g| + eps)에는 무엇이 남을까요?"
    ),
    "nb10.adam_first_ratio.natural_log": "자연로그로 보입니다. 비율은 log10 스케일로 잽니다.",
    "nb10.adam_first_ratio.predicted": (
        "{predicted:.2f}는 예측값 log10(lr / std(W))입니다. 문제는 잰 비율을 묻습니다. Adam "
        "스텝을 한 번 밟고 log10(std(스텝 후의 W - 스텝 전의 W) / std(스텝 전의 W))를 "
        "계산하세요. 예측값보다 낮게 나옵니다."
    ),
    "nb10.adam_first_ratio.ten_steps": (
        "표의 값은 처음 10스텝의 중앙값으로, {low:.2f}에서 {high:.2f} 사이에 있습니다. 문제는 "
        "첫 스텝 하나만 묻습니다. Adam 스텝을 한 번 밟고 재 보세요."
    ),
    "nb10.adam_first_ratio.hint": (
        "std(W) = sqrt(2 / (64 + 100))로 log10(lr / std(W))를 예측한 다음 재 보세요. 층 1의 "
        "가중치를 복사해 두고 trainer.step(1)을 실행한 뒤 "
        "log10(std(스텝 후의 W - 스텝 전의 W) / std(스텝 전의 W))를 계산합니다."
    ),
    "nb10.adam_first_ratio.right": (
        "잰 값은 {truth:.2f}로, 예측값 log10(lr / std(W)) = {predicted:.2f}보다 {gap:.3f} "
        "낮습니다. 기울기가 정확히 0인 가중치, 곧 모든 학습용 숫자 이미지에서 비어 있는 픽셀 "
        "{blank}개의 가중치는 움직이지 않습니다: 차이 중 {zeros:.3f}입니다. 나머지 {eps:.3f}는 "
        "Adam의 eps 때문입니다. 층 1의 기울기는 작아서(|g|의 중앙값 {median:.1e}, eps = 1e-8의 "
        "약 열 배) g / (|g| + eps)가 많은 가중치를 lr보다 적게 움직입니다. 기본 SGD의 첫 "
        "스텝은 {sgd:.1f}입니다."
    ),
    # ---- exercises/nb11.py --------------------------------------------------------------
    "nb11.unreadable": '0.5나 문자열 "1/2"처럼 수 하나로 답하세요.',
    # check_prenorm_variance_step
    "nb11.prenorm_variance_step.right": (
        "{truth:.4f} = 1 - 1/pi입니다. 가지는 정규화된 입력(2차 모멘트 1)을 읽으므로 W를 "
        "지나면 분산이 2가 되고, ReLU는 제곱의 절반인 1을 남깁니다. 여기서 평균의 제곱 "
        "1/pi를 빼면 분산입니다."
    ),
    "nb11.prenorm_variance_step.second_moment": (
        "1은 가지 출력의 2차 모멘트 E[r^2]입니다. 분산은 여기서 평균의 제곱 E[r]^2을 뺀 값입니다."
    ),
    "nb11.prenorm_variance_step.pre_activation": (
        "2는 가지의 활성화 전 값의 분산, 곧 sigma_w2에 입력의 2차 모멘트 1을 곱한 값입니다. "
        "블록이 더하는 것은 그 값에 ReLU를 적용한 결과의 분산입니다."
    ),
    "nb11.prenorm_variance_step.unit_variance": (
        "그 값은 z ~ N(0, 1)일 때 relu(z)의 분산입니다. He 초깃값에서는 가지의 활성화 전 "
        "값의 분산이 sigma_w2 = 2입니다."
    ),
    "nb11.prenorm_variance_step.mean_squared": (
        "1/pi는 평균의 제곱 E[r]^2입니다. 분산은 E[r^2]에서 이 값을 뺀 것입니다."
    ),
    "nb11.prenorm_variance_step.digits": "거의 맞습니다. 유효숫자 세 자리로 주세요.",
    "nb11.prenorm_variance_step.hint": (
        "스트림의 크기와 상관없이 가지의 입력은 2차 모멘트가 1입니다. 활성화 전 값은 "
        "N(0, sigma_w2)를 따르는데, 그 ReLU 값의 분산(2차 모멘트가 아니라)은 얼마일까요?"
    ),
    # check_prenorm_depth_for_std
    "nb11.prenorm_depth_for_std.unreadable": "20처럼 블록 수를 자연수로 답하세요.",
    "nb11.prenorm_depth_for_std.right": (
        "블록 {truth}개입니다. 분산은 블록마다 같은 값 {step:.4f}씩 커지며, 블록 {truth}개를 "
        "지난 뒤의 분산은 {var:.2f}입니다. 처음으로 100 이상이 되는 값입니다."
    ),
    "nb11.prenorm_depth_for_std.short": (
        "블록 {n}개를 지난 뒤 분산은 {var:.2f}, 표준편차는 {std:.4f}입니다. 아직 10보다 작습니다."
    ),
    "nb11.prenorm_depth_for_std.late": (
        "표준편차는 블록 {n}보다 먼저 10을 넘습니다. 블록 {prev}개를 지난 뒤에 이미 "
        "{std:.4f}입니다. 분산을 0에서 시작하지 않았나요? 스트림의 분산은 1에서 시작합니다."
    ),
    "nb11.prenorm_depth_for_std.second_moment": (
        "블록마다 더해지는 것은 가지의 2차 모멘트 1이 아니라 분산 1 - 1/pi입니다(연습 문제 1)."
    ),
    "nb11.prenorm_depth_for_std.std_steps": (
        "블록마다 일정하게 커지는 것은 표준편차가 아니라 분산입니다. 표준편차가 10에 "
        "이르려면 분산이 100에 이르러야 합니다."
    ),
    "nb11.prenorm_depth_for_std.hint": (
        "블록마다 일정하게 커지는 것은 표준편차가 아니라 분산입니다. 그만한 크기의 걸음을 "
        "몇 번 내디뎌야 1에서 10^2에 이를까요? (블록 수를 자연수로 답하세요.)"
    ),
    # check_rescaled_step
    "nb11.rescaled_step.right": (
        "약 {truth:.3g}입니다. 출력이 그대로이므로 W가 10배가 되는 동안 dL/dW는 1/10로 "
        "줄어듭니다. 같은 학습률이면 W는 자기 크기에 견주어 100분의 1만큼만 움직입니다."
    ),
    "nb11.rescaled_step.direction": (
        "100은 변화의 크기이지만 방향이 거꾸로입니다. 상대 스텝은 작아지므로, 곱해지는 "
        "배율은 1보다 작습니다."
    ),
    "nb11.rescaled_step.gradient_only": (
        "0.1은 기울기 |dL/dW|의 배율입니다. 상대 스텝은 이것을 10배가 된 |W|로 한 번 더 나눕니다."
    ),
    "nb11.rescaled_step.hint": (
        "순전파는 바뀌지 않지만 기울기는 바뀝니다. 출력이 그대로인 채 W에 10을 곱하면 "
        "dL/dW는 어떻게 바뀔까요? 그다음 |W|로 나누세요."
    ),
    # ---- figures: 그림에 그려지는 말 (i18n.localize가 한글 글꼴을 붙입니다). 수식 모드($...$)는
    # 한글을 그리지 못하므로 여기서는 기호를 유니코드로 씁니다.
    "figure.layer": "층",
    "figure.layer_n": "층 {layer}",
    "figure.block": "블록",
    "figure.block_n": "블록 {block}",
    "figure.step_n": "스텝 {step}",
    "figure.training_step": "학습 스텝",
    "figure.measured": "측정값",
    "figure.theory": "이론",
    "figure.stat.std": "활성화 값의 표준편차",
    "figure.stat.rms": "활성화 값의 rms, sqrt(E[h²])",
    "figure.stat.pre_std": "활성화 전 값 z의 표준편차",
    "figure.stat.unit_std": "유닛별 표준편차 (샘플에 걸쳐)",
    "figure.stat.grad_std": "기울기 dL/dh의 표준편차",
    "figure.stat.frac_saturated": "포화 비율",
    "figure.stat.frac_dead": "정확히 0인 비율",
    "figure.stat.mean": "활성화 값의 평균",
    "figure.grid.act_xlabel": "활성화 값",
    "figure.grid.act_ylabel": "{activation} 활성화 값\n값의 비율",
    "figure.grid.grad_ylabel": "기울기\n값의 비율",
    "figure.grid.predicted": "검은 선: 이론의 예측",
    "figure.grid.overflow": "유한하지 않음\n(오버플로)",
    "figure.grid.saturated": "포화 {share:.0%}",
    "figure.grid.zero": "0인 값 {share:.0%}",
    "figure.grid.not_drawn": " (그리지 않음)",
    "figure.losses.median_of": "{label} ({n}개의 중앙값)",
    "figure.losses.chance": "우연 수준 (ln 10)",
    "figure.losses.ylabel": "학습 손실 (교차 엔트로피)",
    "figure.gains.forward": "순전파, q = {q:g}",
    "figure.gains.backward": "역전파, q = {q:g}",
    "figure.phase.ordered": "질서 상:\n기울기\n소실",
    "figure.phase.chaotic": "혼돈 상:\n기울기\n폭주",
    "figure.phase.title": "{activation}: 깊이 척도 ξ = 1/|ln χ₁|",
    "figure.phase.colorbar": "깊이 척도 ξ (층 수)",
    "figure.phase.gradients": "기울기: 측정값(점), 예측(선)",
    "figure.gradient_std": "dL/dh(기울기)의 표준편차",
    "figure.correlation": "두 입력 사이의 상관계수 cₗ",
    "figure.depth_scales.gradients": "기울기: 1/|ln χ₁|",
    "figure.depth_scales.correlations": "상관: ξ_c",
    "figure.depth_scales.ylabel": "깊이 척도 (층 수)",
    "figure.singular.xlabel": "순위 / 너비",
    "figure.singular.ylabel": "J의 특잇값",
    "figure.ratio": "log10 업데이트 / 가중치",
    "figure.ratio.steps": "{ratio}, 스텝 {first}-{last}",
    "figure.rule_of_thumb": "경험칙: ~1e-3",
    "figure.stream.std": "잔차 스트림의 표준편차",
    "figure.stream.block": "블록 (평범한 MLP에서는 층)",
    "figure.stream.ylabel": "잔차 스트림\n값의 비율",
    "figure.stream.xlabel": "잔차 스트림의 값",
    "figure.stream.after_block": "블록마다 잔차 스트림의 표준편차",
    "figure.stream.gradient": "블록마다 기울기 dL/dx의 표준편차",
    "figure.rescaling.output_change": "출력의 변화",
    "figure.rescaling.grad_ratio": "|dL/dW|의 비",
    "figure.rescaling.step_ratio": "|스텝| / |W|의 비",
    "figure.rescaling.ylabel": "W x 1에 대한 비",
    "figure.train.title": "숫자 데이터의 손실, 실시간",
    "figure.train.run": "{activation}, {scheme}{std}, 깊이 {depth}, {optimizer}",
    "figure.scrub.title": "손실과 층별 업데이트 / 가중치",
    # ---- widgets: 실시간 탐색기 (widgets/base.py, explorer.py, theory.py, chaos.py, train.py)
    # 컨트롤 이름 (base.shared_label)
    "widgets.label.std": "가중치 표준편차",
    "widgets.label.depth": "깊이",
    "widgets.label.width": "너비",
    "widgets.label.activation": "활성화 함수",
    "widgets.label.scheme": "초기화 방식",
    "widgets.label.seed": "시드",
    "widgets.label.optimizer": "옵티마이저",
    "widgets.label.lr": "학습률",
    "widgets.label.steps": "스텝 수",
    # 메시지 줄, 그리고 슬라이더 범위 밖의 입력값
    "widgets.message.error": "오류: {message}",
    "widgets.message.warning": "경고: {message}",
    "widgets.out_of_range": (
        "{name} 값은 여기서 {lo:g}에서 {hi:g} 사이여야 합니다({where}). 입력값: {value:g}"
    ),
    "widgets.where.slider": "슬라이더의 범위",
    "widgets.where.diagram": "상 다이어그램의 범위",
    # explore()
    "widgets.explore.overflowed": (
        "층 {first}-{last}에서 오버플로가 일어났습니다: 값이 더 이상 유한한 수가 아닙니다. "
        "이 깊이에는 가중치가 너무 큽니다. 가중치 표준편차나 깊이를 낮추세요."
    ),
    "widgets.explore.own_scale": (
        "{scheme} 방식은 스케일을 스스로 정하므로 가중치 표준편차는 쓰이지 않습니다."
    ),
    # explore_theory()
    "widgets.theory.no_prediction": "예측 없음: {error}",
    "widgets.theory.no_sigma_w2": "예측 없음: {scheme} 방식에는 sigma_w2가 없습니다. {why}",
    "widgets.theory.why.zeros": "모든 가중치가 0이라서 이론이 다룰 무작위 합이 없습니다.",
    "widgets.theory.why.constant": "모든 가중치가 같은 수라서 이론이 다룰 무작위 합이 없습니다.",
    "widgets.theory.spread": (
        "층 {layer}: 모든 값의 퍼짐 {spread}, 한 유닛이 입력에 따라 퍼지는 정도 {unit_spread}."
    ),
    "widgets.theory.overflowed": (
        "층 {layer}에서 오버플로가 일어났습니다: 값이 더 이상 유한한 수가 아닙니다."
    ),
    "widgets.theory.lsuv": "lsuv: 모든 층을 Var(z) = 1로 다시 맞추므로 q_l = 1입니다.",
    "widgets.theory.largest_gap": (
        "가장 큰 차이: 층 {layer}, 예측한 표준편차 {predicted}, 측정값 {measured} ({gap:+.0%})."
    ),
    # explore_phase()
    "widgets.phase.edge": "혼돈의 가장자리: 기울기가 크기를 유지합니다",
    "widgets.phase.ordered": "질서 상: 기울기가 {xi:.1f}개 층마다 e분의 1로 줄어듭니다",
    "widgets.phase.chaotic": "혼돈 상: 기울기가 {xi:.1f}개 층마다 e배씩 커집니다",
    "widgets.phase.any_depth": "제한 없음",
    "widgets.phase.at_most": "최대 약 6 ξ_c = {layers:.0f}개 층",
    "widgets.phase.readout": (
        "χ₁ = {chi1:.3f}, {phase}. q* = {q:.3g}. 상관 깊이 척도 ξ_c = {xi_c:.3g}: "
        "학습 가능한 깊이는 {trainable}. 층 1 대 층 {depth}의 기울기 표준편차 비: "
        "측정값 {ratio}."
    ),
    # train_explorer()
    "widgets.train.train": "학습",
    "widgets.train.stop": "정지",
    "widgets.train.clear": "곡선 지우기",
    "widgets.train.progress": "스텝 {step}",
    "widgets.train.diverged": (
        "손실이 더 이상 유한한 수가 아닙니다(학습이 발산했습니다). 학습률이나 가중치 스케일을 "
        "낮추세요."
    ),
    "widgets.train.stopped_early": " (중간에 멈춤)",
    "widgets.train.done": (
        "완료{stopped}: 마지막 50스텝 평균으로 손실 {loss:.3f}(우연 수준 {chance:.3f}), 테스트 "
        "정확도 {accuracy:.1%}입니다. 시드 하나의 결과입니다: 깊은 신경망의 한 번 실행은 노트북 "
        "07에서 보는 시드 간 범위에서 크게 벗어날 수 있습니다."
    ),
    # ---- widgets.scrub: scrub_training(), the step slider through a recorded run -------
    "widgets.scrub.train": "학습",
    "widgets.scrub.stop": "정지",
    "widgets.scrub.step": "스텝",
    "widgets.scrub.progress": "스텝 {step}",
    "widgets.scrub.ready": (
        "이 신경망의 스텝 0입니다. 학습을 누르면 스텝 {steps}에서 각 층의 활성화 값과 "
        "기울기를 기록합니다. 그다음 스텝 슬라이더를 움직여 보세요."
    ),
    "widgets.scrub.done": (
        "완료: 스텝 {steps}을(를) 기록했습니다. 스텝 슬라이더를 움직여 보세요. 히스토그램은 "
        "학습 중에 기록한 그대로이고, 점선은 손실과 업데이트 대 데이터 비율에서 그 스텝을 "
        "가리킵니다(초록 띠는 경험칙이지 법칙이 아닙니다)."
    ),
    "widgets.scrub.stopped": (
        "스텝 {step}에서 정지했습니다: 스텝 {steps}을(를) 기록했습니다. 스텝 슬라이더로 살펴보세요."
    ),
    "widgets.scrub.diverged": (
        "스텝 {step}에서 손실이 유한한 수가 아니게 되었습니다(발산). 가중치 스케일을 줄이거나 "
        "옵티마이저를 바꾸세요. 그 전에 기록한 스텝은 남아 있습니다."
    ),
    # ---- widgets.residual --------------------------------------------------------------
    "widgets.residual.alpha": "α",
    "widgets.residual.inv_sqrt": "α = 1/√L",
    "widgets.residual.depth": "깊이",
    "widgets.residual.width": "너비",
    "widgets.residual.norm": "정규화",
    "widgets.residual.norm_none": "없음",
    "widgets.residual.norm_layer": "층 정규화",
    "widgets.residual.norm_batch": "배치 정규화",
    "widgets.residual.zero_init": "게이트 0으로 시작",
    "widgets.residual.seed": "시드",
    "widgets.residual.readout": (
        "블록 {block}: 잔차 스트림의 표준편차는 측정값 {measured}, 이론 예측값 {predicted}입니다"
        "(측정 / 예측 = {ratio})."
    ),
    "widgets.residual.readout_overflow": (
        "블록 {block}: 잔차 스트림에서 오버플로가 일어나 값이 더 이상 유한한 수가 아닙니다. "
        "이론이 예측하는 표준편차는 {predicted}입니다."
    ),
    "widgets.residual.identity": (
        "게이트를 0으로 시작하면 모든 블록이 항등 함수로 시작하므로 잔차 스트림은 입력 그대로이고, "
        "이론은 모든 블록에서 표준편차 1을 예측합니다."
    ),
    "widgets.residual.alpha_rule": "α = 1/√{depth} = {alpha}입니다.",
    "widgets.residual.overflow": (
        "블록 {first}-{last}에서 오버플로가 일어나 잔차 스트림이 더 이상 유한한 수가 "
        "아닙니다. α나 깊이를 줄이거나 정규화를 고르세요."
    ),
}
