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
    "table.overflow": "넘침",
    # ---- seeds.py -----------------------------------------------------------------------
    "seeds.spread": "{median} [{low}~{high}]",
    "seeds.head": "시드 {n}개의 중앙값 [최솟값~최댓값]; 정확도는 마지막 50스텝의 평균",
    "seeds.row": (
        "최종 손실 {loss}   테스트 정확도 {accuracy}   "
        "1스텝의 |dL/dW|: 1층 {first}, {depth}층 {last}"
    ),
    "reader.one_of": "다음 중 하나를 고르세요: {words}.",
    # ---- exercises/nb01.py --------------------------------------------------------------
    # check_adam_keeps_symmetry
    "nb01.adam_keeps_symmetry.unreadable": '문자열 "yes" 또는 "no"로 답하세요.',
    "nb01.adam_keeps_symmetry.right": (
        "{truth}: Adam으로 학습한 뒤 은닉층 1의 행 퍼짐(row spread)은 {spread:.1e}입니다. "
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
        "매개변수 이름의 리스트를 주세요. 예: ['0.weight', '2.bias']."
    ),
    "nb01.what_moves_zeros_tanh.nothing": "없음",
    "nb01.what_moves_zeros_tanh.right": (
        "{shown}만 움직입니다. tanh(0) = 0이므로 모든 은닉층 출력이 0입니다. 출력층 가중치가 "
        "받는 기울기 (p - y) * h는 0이고, 그 가중치를 거쳐 되돌아가는 오차도 0이어서 출력층의 "
        "편향만 학습됩니다. 네트워크는 클래스 빈도를 배울 수 있을 뿐, 그 이상은 배우지 못합니다."
    ),
    "nb01.what_moves_zeros_tanh.reconsider": (
        "train_mlp(activation='tanh', scheme='zeros', depth=2, width=32, lr=0.5)로 학습한 뒤 "
        "result.model.named_parameters()의 매개변수 p 가운데 (p != 0).any()인 것의 이름을 "
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
        "3은 은닉층이 2개일 때의 스텝입니다(4절). 이 네트워크의 은닉층은 4개입니다. {hint}"
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
        "그 값은 3절에 출력된 std 1일 때의 비입니다. 여기서는 가중치가 두 배 큽니다. "
        "il.run_experiment(std=2.0)을 실행해 보세요."
    ),
    "nb02.gradient_ratio_std2.fixed_slope": (
        "그 값은 rms(sigmoid')가 변하지 않는다고 보았을 때의 결과입니다. std가 2이면 "
        "더 많은 z가 평평한 꼬리에 놓여 rms(sigmoid')가 작아집니다. trace.gains()로 "
        "측정해 보세요."
    ),
    "nb02.gradient_ratio_std2.hint": (
        "il.run_experiment(std=2.0)을 실행하고 stats[0]['grad_std']를 "
        "stats[-1]['grad_std']로 나누세요(층 1 나누기 층 5)."
    ),
    "nb02.gradient_ratio_std2.right": (
        "비는 {truth:.2f}, 층마다 약 {gain:.2f}배입니다. 가중치의 인자 sqrt(n) * std는 "
        "10에서 20으로 두 배가 되지만 rms(sigmoid')는 {rms_1:.3f}에서 {rms:.3f}까지만 "
        "줄어듭니다. 가중치가 이깁니다."
    ),
    "nb02.gradient_ratio_std2.right_grows": (
        "비는 {truth:.2f}, 층마다 약 {gain:.2f}배입니다. 가중치의 인자 sqrt(n) * std는 "
        "10에서 20으로 두 배가 되지만 rms(sigmoid')는 {rms_1:.3f}에서 {rms:.3f}까지만 "
        "줄어듭니다. 가중치가 이기므로 기울기는 되돌아가는 동안 커집니다."
    ),
    # check_more_saturated_with_larger_std
    "nb02.more_saturated_with_larger_std.unreadable": '문자열 "more" 또는 "less"로 답하세요.',
    "nb02.more_saturated_with_larger_std.right": (
        "{truth}: std 3에서는 {s3:.0%}, std 1에서는 {s1:.0%}입니다. z가 클수록 sigmoid는 "
        "평평한 꼬리 쪽으로 더 밀려납니다."
    ),
    "nb02.more_saturated_with_larger_std.reconsider": (
        "z = W x가 커지면 sigmoid(z)가 어디에 놓이는지 생각해 보세요."
    ),
    # ---- exercises/nb03.py --------------------------------------------------------------
    # check_backward_gain_width400
    "nb03.backward_gain_width400.unreadable": "0.5와 같은 배율로, 0보다 큰 숫자 하나를 주세요.",
    "nb03.backward_gain_width400.width100": (
        "그 값은 4절에 출력된, 너비 100일 때의 이득입니다. sqrt(n) * std * rms(sigmoid')의 "
        "인자 가운데 너비에 따라 변하는 것은 무엇입니까?"
    ),
    "nb03.backward_gain_width400.inverse": (
        "이득은 한 층씩 거슬러 갈 때마다 기울기의 퍼짐에 곱해지는 배율입니다(줄어들면 1보다 "
        "작습니다). 몇 분의 1로 줄어드는지가 아닙니다."
    ),
    "nb03.backward_gain_width400.no_slope": (
        "sigmoid의 미분값도 곱하세요. 여기서 rms(sigmoid')는 1이 아니라 약 1/4입니다."
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
        "std {std:g}에서 기울기는 층마다 {gain:.2f}배로 변합니다. 여기서 rms(sigmoid')는 "
        "0.25가 아니라 {rms:.3f}입니다. 가중치가 크면 z가 sigmoid의 가파른 가운데를 벗어나므로"
        "(층 5의 {saturated:.0%}가 포화) std는 1 / (sqrt(n) * 0.25)가 말하는 값보다 커야 "
        "합니다."
    ),
    "nb03.std_for_unit_gain.raise": (
        "std {std:g}에서 측정된 이득은 층마다 {gain:.2f}입니다(목표는 0.8에서 1.25). "
        "std를 키우세요."
    ),
    "nb03.std_for_unit_gain.lower": (
        "std {std:g}에서 측정된 이득은 층마다 {gain:.2f}입니다(목표는 0.8에서 1.25). "
        "std를 줄이세요."
    ),
    # ---- exercises/nb04.py --------------------------------------------------------------
    # check_xavier_std
    "nb04.xavier_std.unreadable": "0보다 큰 숫자 하나, 표준편차를 주세요.",
    "nb04.xavier_std.variance": "그 값은 분산입니다. 표준편차는 그 제곱근입니다.",
    "nb04.xavier_std.fan_in": (
        "그 값은 1 / sqrt(n_in), 순전파 규칙만 따른 값입니다. Xavier는 팬아웃도 셉니다."
    ),
    "nb04.xavier_std.fan_out": (
        "그 값은 1 / sqrt(n_out), 역전파 규칙만 따른 값입니다. Xavier는 팬인과 팬아웃을 "
        "모두 셉니다."
    ),
    "nb04.xavier_std.hint": (
        "1절의 Xavier 분산을 n_in과 n_out으로 쓰거나, il.init_weights(..., 'xavier_normal')"
        "가 뽑는 가중치의 표준편차를 측정해 보세요."
    ),
    "nb04.xavier_std.right": (
        "측정된 가중치의 표준편차는 {truth:.4f}이고, sqrt(2 / ({n_in} + {n_out})) = "
        "{predicted:.4f}입니다. 팬인과 팬아웃이 모두 반영됩니다."
    ),
    # check_xavier_sigmoid_thousandfold
    "nb04.xavier_sigmoid_thousandfold.unreadable": (
        "층 수를 정수로 주세요(층 20에서 거슬러 간 층의 수)."
    ),
    "nb04.xavier_sigmoid_thousandfold.layer_number": (
        "그 값은 층 번호입니다. 대신 층 20에서 몇 층을 거슬러 갔는지 세어 보세요."
    ),
    "nb04.xavier_sigmoid_thousandfold.hint": (
        "k층을 거슬러 가면 기울기의 퍼짐은 층 20의 약 g^k배입니다. g는 3절에서 측정한 "
        "이득입니다. g^k < 1/1000이 되는 첫 k를 찾은 뒤 "
        "il.run_experiment(scheme='xavier_normal', depth={depth}).stats()로 확인해 보세요."
    ),
    "nb04.xavier_sigmoid_thousandfold.right": (
        "{truth}층을 거슬러 가면(층 {layer}) 기울기의 퍼짐이 층 20의 천분의 일보다 "
        "작아집니다. 층마다 이득이 {gain:.3f}이면 {gain:.3f}^{truth} = {below:.1e}이지만 "
        "{gain:.3f}^{fewer} = {above:.1e}입니다."
    ),
    # check_tanh_unit_variance_gain
    "nb04.tanh_unit_variance_gain.unreadable": "숫자 하나, 이득 g를 주세요.",
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
        "음수 쪽 기울기가 a일 때 E[phi(z)^2] = (1 + a^2) / 2 * Var(z)입니다. 이득은 1을 그 "
        "인자의 제곱근으로 나눈 값입니다."
    ),
    # ---- exercises/nb06.py --------------------------------------------------------------
    # check_tanh_steady_std
    "nb06.tanh_steady_std.unreadable": "std를 0과 10 사이의 숫자로 주세요. 예: 0.1.",
    "nb06.tanh_steady_std.measured": (
        "std {std:g}에서 층 10의 퍼짐은 층 1의 {ratio:.2f}배이고, 활성화 값의 "
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
        "층마다 퍼짐에 sqrt(n) * std가 곱해집니다. 이런 인자를 몇 번 곱해야 1e-3에 이릅니까?"
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
        "학습했습니다. 노트북 02에서 04까지 본 것 가운데, sigmoid에서 유닛별 퍼짐과 역전파 "
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
        "sigmoid 패널에서 점선(역전파, q = 1)이 1과 만나는 곳을 찾거나, "
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
        "ReLU의 이득 sqrt(2)를 쓰므로 sigma_w2 = 2입니다."
    ),
    "nb08.tanh_he_layer10_std.digits": "거의 맞습니다. 0.12처럼 유효숫자 두 자리로 주세요.",
    "nb08.tanh_he_layer10_std.hint": (
        "he_normal의 sigma_w2는 2입니다(il.scheme_sigma_w2가 알려 줍니다). 분산 맵을 10층 "
        "반복하고 q_10을 활성화 값의 표준편차로 바꾸세요: "
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
        "상 그림 위젯에서 sigma_b2를 0.05로 두고, chi1이 1이 될 때까지 sigma_w2를 옮기세요."
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
        "6 xi_c = {truth:.1f}층이며, xi_c = {xi_c:.2f}입니다. 기울기의 깊이 척도로 세면 "
        "{six_xi:.1f}층입니다. 혼돈 상에서는 둘이 다릅니다."
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
        "이 초기화로는 깊은 tanh나 ReLU 네트워크의 신호가 층마다 줄어듭니다."
    ),
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
    "widgets.where.diagram": "상 도표의 범위",
    # explore()
    "widgets.explore.overflowed": (
        "{first}-{last}층에서 오버플로가 일어났습니다: 값이 더 이상 유한한 수가 아닙니다. "
        "이 깊이에는 가중치가 너무 큽니다. 가중치 표준편차나 깊이를 낮추세요."
    ),
    "widgets.explore.own_scale": (
        "{scheme} 방식은 크기를 스스로 정하므로 가중치 표준편차는 쓰이지 않습니다."
    ),
    # explore_theory()
    "widgets.theory.no_prediction": "예측 없음: {error}",
    "widgets.theory.spread": (
        "{layer}층: 모든 값의 퍼짐 {spread}, 한 유닛이 입력에 따라 퍼지는 정도 {unit_spread}."
    ),
    "widgets.theory.overflowed": (
        "{layer}층에서 오버플로가 일어났습니다: 값이 더 이상 유한한 수가 아닙니다."
    ),
    "widgets.theory.lsuv": "lsuv: 모든 층을 Var(z) = 1로 다시 맞추므로 q_l = 1입니다.",
    "widgets.theory.largest_gap": (
        "가장 큰 차이: {layer}층, 예측한 표준편차 {predicted}, 측정값 {measured} ({gap:+.0%})."
    ),
    # explore_phase()
    "widgets.phase.edge": "혼돈의 가장자리: 기울기가 크기를 유지합니다",
    "widgets.phase.ordered": "질서 상: 기울기가 {xi:.1f}층마다 e배씩 줄어듭니다",
    "widgets.phase.chaotic": "혼돈 상: 기울기가 {xi:.1f}층마다 e배씩 커집니다",
    "widgets.phase.any_depth": "제한 없음",
    "widgets.phase.at_most": "최대 약 6 ξ_c = {layers:.0f}층",
    "widgets.phase.readout": (
        "χ₁ = {chi1:.3f}, {phase}. q* = {q:.3g}. 상관 깊이 척도 ξ_c = {xi_c:.3g}: "
        "학습 가능한 깊이는 {trainable}. 기울기 표준편차의 1층 대 {depth}층 비: 측정값 "
        "{ratio}."
    ),
    # train_explorer()
    "widgets.train.train": "학습",
    "widgets.train.stop": "정지",
    "widgets.train.clear": "곡선 지우기",
    "widgets.train.progress": "스텝 {step}",
    "widgets.train.diverged": (
        "손실이 더 이상 유한한 수가 아닙니다(학습이 발산했습니다). 학습률이나 가중치 크기를 "
        "낮추세요."
    ),
    "widgets.train.stopped_early": " (중간에 멈춤)",
    "widgets.train.done": (
        "완료{stopped}: 마지막 50스텝의 손실 {loss:.3f} (우연 수준 {chance:.3f}), 테스트 "
        "정확도 {accuracy:.1%}. 시드 하나의 결과입니다: 깊은 네트워크는 노트북 07에서 보는 "
        "시드 간 편차 안의 어디에든 놓일 수 있습니다."
    ),
    # ---- widgets.scrub: scrub_training(), the step slider through a recorded run -------
    "widgets.scrub.train": "학습",
    "widgets.scrub.stop": "정지",
    "widgets.scrub.step": "스텝",
    "widgets.scrub.progress": "스텝 {step}",
    "widgets.scrub.ready": (
        "이 네트워크의 스텝 0입니다. 학습을 누르면 스텝 {steps}에서 각 층의 활성화 값과 "
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
        "스텝 {step}에서 손실이 유한한 수가 아니게 되었습니다(발산). 가중치 크기를 줄이거나 "
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
        "블록 {block}: 잔차 스트림이 넘쳐 값이 더 이상 유한한 수가 아닙니다. 이론이 예측하는 "
        "표준편차는 {predicted}입니다."
    ),
    "widgets.residual.identity": (
        "게이트를 0으로 시작하면 모든 블록이 항등 함수로 시작하므로 잔차 스트림은 입력 그대로이고, "
        "이론은 모든 블록에서 표준편차 1을 예측합니다."
    ),
    "widgets.residual.alpha_rule": "α = 1/√{depth} = {alpha}입니다.",
    "widgets.residual.overflow": (
        "블록 {first}-{last}에서 잔차 스트림이 넘쳐 더 이상 유한한 수가 아닙니다. α나 깊이를 "
        "줄이거나 정규화를 고르세요."
    ),
}
